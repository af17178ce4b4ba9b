package dev.pdvault.domain.disclosure.command;

import dev.pdvault.domain.access.api.CallerGrant;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.disclosure.api.AggregateGroup;
import dev.pdvault.domain.disclosure.api.AggregateStatisticsRefused;
import dev.pdvault.domain.disclosure.api.AggregateStatisticsReleased;
import dev.pdvault.domain.disclosure.api.GroupDimension;
import dev.pdvault.domain.disclosure.api.ReleaseAggregateStatistics;
import dev.pdvault.domain.disclosure.api.StatisticsCandidate;
import dev.pdvault.domain.disclosure.api.StatisticsOutcome;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.ConsentStatus;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.policy.PolicyChanges;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.subject.api.SubjectStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static dev.pdvault.domain.TestCatalogue.*;
import static dev.pdvault.domain.disclosure.command.TransferTest.AT;
import static dev.pdvault.domain.disclosure.command.TransferTest.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Aggregated statistics for advertising clients (policy: Three (1) 5. (3)): who may ask, for whom, which
 * subjects count, and groups below the catalogue's minimum (5 in the test catalogue) suppressed.
 */
class StatisticsReleaseTest {

    static final dev.pdvault.domain.shared.Caller MARKETING = dev.pdvault.domain.shared.Caller.of("marketing");
    static final CallerGrant MARKETER = new CallerGrant(true, Set.of(ADVERTISING, MARKETING_SMS));
    static final List<GroupDimension> BY_REGION = List.of(GroupDimension.REGION);
    static final Map<ConsentScope, ConsentStatus> CONSENTED = Map.of(ConsentScope.of(ADVERTISING),
            new ConsentStatus(true, 1));

    private AggregateTestFixture<StatisticsRelease> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StatisticsRelease.class);
        fixture.registerInjectableResource(CATALOGUE);
    }

    private static List<StatisticsCandidate> consenting(String region, int n) {
        return Collections.nCopies(n, new StatisticsCandidate(List.of(region), SubjectStatus.ACTIVE, CONSENTED,
                Set.of()));
    }

    private static ReleaseAggregateStatistics release(CallerGrant grant, Recipient recipient, Purpose purpose,
                                                      List<StatisticsCandidate> candidates) {
        return release(grant, recipient, purpose, candidates, new PolicyChanges(1, List.of()));
    }

    private static ReleaseAggregateStatistics release(CallerGrant grant, Recipient recipient, Purpose purpose,
                                                      List<StatisticsCandidate> candidates, PolicyChanges policy) {
        return new ReleaseAggregateStatistics(ID, MARKETING, grant, recipient, purpose, BY_REGION, candidates, policy,
                AT);
    }

    @SafeVarargs
    private static List<StatisticsCandidate> all(List<StatisticsCandidate>... parts) {
        List<StatisticsCandidate> out = new ArrayList<>();
        for (List<StatisticsCandidate> part : parts) {
            out.addAll(part);
        }
        return out;
    }

    private static StatisticsOutcome released(int suppressed, AggregateGroup... groups) {
        return new StatisticsOutcome(Optional.empty(), List.of(groups), suppressed);
    }

    private static AggregateGroup group(String region, int subjects) {
        return new AggregateGroup(List.of(region), subjects);
    }

    static Stream<Arguments> table() {
        StatisticsCandidate erased = new StatisticsCandidate(List.of("CN"), SubjectStatus.ERASED, CONSENTED, Set.of());
        StatisticsCandidate erasing = new StatisticsCandidate(List.of("CN"), SubjectStatus.ERASURE_REQUESTED,
                CONSENTED, Set.of());
        StatisticsCandidate optedOut = new StatisticsCandidate(List.of("CN"), SubjectStatus.ACTIVE, CONSENTED,
                Set.of(OptOut.TARGETING));
        StatisticsCandidate smsOptOut = new StatisticsCandidate(List.of("CN"), SubjectStatus.ACTIVE, CONSENTED,
                Set.of(OptOut.SMS));
        StatisticsCandidate withdrawn = new StatisticsCandidate(List.of("CN"), SubjectStatus.ACTIVE,
                Map.of(ConsentScope.of(ADVERTISING), new ConsentStatus(false, 1)), Set.of());
        StatisticsCandidate never = new StatisticsCandidate(List.of("CN"), SubjectStatus.ACTIVE, Map.of(), Set.of());
        StatisticsCandidate otherPurpose = new StatisticsCandidate(List.of("CN"), SubjectStatus.ACTIVE,
                Map.of(ConsentScope.of(MARKETING_SMS), new ConsentStatus(true, 1)), Set.of());
        return Stream.of(
                arguments("a big group released, a small one suppressed", MARKETER, AD_CLIENT, ADVERTISING,
                        all(consenting("CN", 6), consenting("CN-HK", 2)), released(1, group("CN", 6))),
                arguments("exactly the minimum is released", MARKETER, AD_CLIENT, ADVERTISING,
                        consenting("CN", 5), released(0, group("CN", 5))),
                arguments("one below the minimum is suppressed", MARKETER, AD_CLIENT, ADVERTISING,
                        consenting("CN", 4), released(1)),
                arguments("nobody at all: nothing to release", MARKETER, AD_CLIENT, ADVERTISING, List.of(),
                        released(0)),
                arguments("erased subjects do not count", MARKETER, AD_CLIENT, ADVERTISING,
                        all(consenting("CN", 4), List.of(erased, erasing)), released(1)),
                arguments("subjects opted out of targeting do not count", MARKETER, AD_CLIENT, ADVERTISING,
                        all(consenting("CN", 4), List.of(optedOut)), released(1)),
                arguments("another opt-out does not matter", MARKETER, AD_CLIENT, ADVERTISING,
                        all(consenting("CN", 4), List.of(smsOptOut)), released(0, group("CN", 5))),
                arguments("withdrawn, never given or other consents do not count", MARKETER, AD_CLIENT, ADVERTISING,
                        all(consenting("CN", 4), List.of(withdrawn, never, otherPurpose)), released(1)),
                arguments("groups are released in order", MARKETER, AD_CLIENT, ADVERTISING,
                        all(consenting("US", 5), consenting("CN", 7)), released(0, group("CN", 7), group("US", 5))),
                arguments("not to a payment institution", MARKETER, BANK, ADVERTISING, consenting("CN", 9),
                        StatisticsOutcome.deny(DenialReason.NOT_AN_ADVERTISING_CLIENT)),
                arguments("not to a recipient the catalogue does not know", MARKETER, Recipient.of("stranger"),
                        ADVERTISING, consenting("CN", 9), StatisticsOutcome.deny(DenialReason.NOT_AN_ADVERTISING_CLIENT)),
                arguments("only for advertising", MARKETER, AD_CLIENT, MARKETING_SMS, consenting("CN", 9),
                        StatisticsOutcome.deny(DenialReason.PURPOSE_NOT_FOR_STATISTICS)),
                arguments("not by a caller without advertising", new CallerGrant(true, Set.of(DELIVERY)), AD_CLIENT,
                        ADVERTISING, consenting("CN", 9), StatisticsOutcome.deny(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER)),
                arguments("not by a caller that may not detokenize", new CallerGrant(false, Set.of(ADVERTISING)),
                        AD_CLIENT, ADVERTISING, consenting("CN", 9),
                        StatisticsOutcome.deny(DenialReason.CALLER_MAY_NOT_DETOKENIZE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decidesWhoGetsWhichGroups(String description, CallerGrant grant, Recipient recipient, Purpose purpose,
                                   List<StatisticsCandidate> candidates, StatisticsOutcome expected) {
        assertThat(StatisticsPolicy.decide(release(grant, recipient, purpose, candidates), CATALOGUE))
                .isEqualTo(expected);
    }

    @Test
    void consentsPutOnHoldByAMajorChangeOfAdvertisingDoNotCount() {
        PolicyChanges changed = new PolicyChanges(2, List.of(new PolicyChanges.MajorChange(2, Set.of(ADVERTISING))));
        List<StatisticsCandidate> renewed = Collections.nCopies(5, new StatisticsCandidate(List.of("CN"),
                SubjectStatus.ACTIVE, Map.of(ConsentScope.of(ADVERTISING), new ConsentStatus(true, 2)), Set.of()));

        assertThat(StatisticsPolicy.decide(release(MARKETER, AD_CLIENT, ADVERTISING, all(consenting("CN", 9), renewed),
                changed), CATALOGUE)).isEqualTo(released(0, group("CN", 5)));
    }

    @Test
    void groupsByEveryDimensionAsked() {
        List<StatisticsCandidate> candidates = all(
                Collections.nCopies(5, new StatisticsCandidate(List.of("CN", "ADULT"), SubjectStatus.ACTIVE, CONSENTED,
                        Set.of())),
                Collections.nCopies(3, new StatisticsCandidate(List.of("CN", "FROM_14_TO_17"), SubjectStatus.ACTIVE,
                        CONSENTED, Set.of())));
        ReleaseAggregateStatistics cmd = new ReleaseAggregateStatistics(ID, MARKETING, MARKETER, AD_CLIENT, ADVERTISING,
                List.of(GroupDimension.REGION, GroupDimension.AGE_BAND), candidates, new PolicyChanges(1, List.of()), AT);

        assertThat(StatisticsPolicy.decide(cmd, CATALOGUE)).isEqualTo(released(1,
                new AggregateGroup(List.of("CN", "ADULT"), 5)));
    }

    @Test
    void recordsAReleaseWithGroupCountsOnly() {
        fixture.givenNoPriorActivity()
                .when(release(MARKETER, AD_CLIENT, ADVERTISING, all(consenting("CN", 6), consenting("CN-HK", 2))))
                .expectEvents(new AggregateStatisticsReleased(ID, MARKETING, AD_CLIENT, ADVERTISING, BY_REGION, 1, 1, AT))
                .expectResultMessagePayload(released(1, group("CN", 6)));
    }

    @Test
    void recordsARefusedRelease() {
        fixture.givenNoPriorActivity()
                .when(release(MARKETER, BANK, ADVERTISING, consenting("CN", 9)))
                .expectEvents(new AggregateStatisticsRefused(ID, MARKETING, BANK, ADVERTISING, BY_REGION,
                        DenialReason.NOT_AN_ADVERTISING_CLIENT, AT))
                .expectResultMessagePayload(StatisticsOutcome.deny(DenialReason.NOT_AN_ADVERTISING_CLIENT));
    }
}
