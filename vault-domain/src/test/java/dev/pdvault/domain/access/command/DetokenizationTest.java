package dev.pdvault.domain.access.command;

import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.CallerGrant;
import dev.pdvault.domain.access.api.Decision;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.access.api.DetokenizationRefused;
import dev.pdvault.domain.access.api.PersonalDataDetokenized;
import dev.pdvault.domain.access.api.RecordDetokenization;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.subject.api.Token;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.pdvault.domain.access.command.AccessFixtures.ACCESS;
import static dev.pdvault.domain.access.command.AccessFixtures.AT;
import static dev.pdvault.domain.access.command.AccessFixtures.COURIER;
import static dev.pdvault.domain.access.command.AccessFixtures.DELIVERY;
import static dev.pdvault.domain.access.command.AccessFixtures.MARKETING;
import static dev.pdvault.domain.access.command.AccessFixtures.MAY_DELIVER;
import static dev.pdvault.domain.access.command.AccessFixtures.MISSING_TOKEN;
import static dev.pdvault.domain.access.command.AccessFixtures.address;
import static dev.pdvault.domain.access.command.AccessFixtures.facts;
import static dev.pdvault.domain.access.command.AccessFixtures.phone;
import static dev.pdvault.domain.access.command.AccessFixtures.request;
import static dev.pdvault.domain.access.command.AccessFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

class DetokenizationTest {

    private AggregateTestFixture<Detokenization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Detokenization.class);
    }

    @Test
    void recordsAnAllowedDetokenizationWithEveryToken() {
        fixture.givenNoPriorActivity()
                .when(request(MAY_DELIVER, DELIVERY, facts(address(), TokenState.AVAILABLE),
                        facts(phone(), TokenState.AVAILABLE)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PersonalDataDetokenized(ACCESS, COURIER, DELIVERY, List.of(address(), phone()), AT))
                .expectResultMessagePayload(Decision.ALLOW);
    }

    /** One refused request per denial reason, with the tokens the refusal must name. */
    record RefusalCase(DenialReason reason, RecordDetokenization command, List<AccessedToken> known,
                       List<Token> unknown) {

        @Override
        public String toString() {
            return reason.name();
        }
    }

    static Stream<RefusalCase> refusals() {
        return Stream.of(
                // the unknown token is still named although the caller check decided
                new RefusalCase(DenialReason.CALLER_MAY_NOT_DETOKENIZE,
                        request(CallerGrant.none(), DELIVERY, facts(address(), TokenState.AVAILABLE),
                                TokenFacts.unknown(MISSING_TOKEN)),
                        List.of(address()), List.of(MISSING_TOKEN)),
                new RefusalCase(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER,
                        request(MAY_DELIVER, MARKETING, facts(target(address().token(), "address", MARKETING),
                                TokenState.AVAILABLE)),
                        List.of(target(address().token(), "address", MARKETING)), List.of()),
                new RefusalCase(DenialReason.PURPOSE_NOT_ALLOWED_FOR_DATA,
                        request(new CallerGrant(true, Set.of(DELIVERY, MARKETING)), MARKETING,
                                facts(address(), TokenState.AVAILABLE)),
                        List.of(address()), List.of()),
                new RefusalCase(DenialReason.UNKNOWN_TOKEN,
                        request(MAY_DELIVER, DELIVERY, facts(address(), TokenState.AVAILABLE),
                                TokenFacts.unknown(MISSING_TOKEN), facts(phone(), TokenState.AVAILABLE)),
                        List.of(address(), phone()), List.of(MISSING_TOKEN)),
                new RefusalCase(DenialReason.DATA_ERASED,
                        request(MAY_DELIVER, DELIVERY, facts(address(), TokenState.AVAILABLE),
                                facts(phone(), TokenState.ERASED)),
                        List.of(address(), phone()), List.of()),
                new RefusalCase(DenialReason.INTEGRITY_FAILURE,
                        request(MAY_DELIVER, DELIVERY, facts(address(), TokenState.UNREADABLE)),
                        List.of(address()), List.of()));
    }

    @Test
    void everyDenialReasonHasARefusalCase() {
        Set<DenialReason> covered = refusals().map(RefusalCase::reason)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DenialReason.class)));

        assertThat(covered).isEqualTo(EnumSet.allOf(DenialReason.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void recordsARefusedDetokenizationWithItsReasonAndTokens(RefusalCase refusal) {
        RecordDetokenization cmd = refusal.command();

        fixture.givenNoPriorActivity()
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DetokenizationRefused(ACCESS, COURIER, cmd.purpose(), refusal.reason(),
                        refusal.known(), refusal.unknown(), AT))
                .expectResultMessagePayload(Decision.deny(refusal.reason()));
    }

    @Test
    void refusesARequestWithoutTokensAsUnknown() {
        fixture.givenNoPriorActivity()
                .when(request(MAY_DELIVER, DELIVERY))
                .expectEvents(new DetokenizationRefused(ACCESS, COURIER, DELIVERY, DenialReason.UNKNOWN_TOKEN,
                        List.of(), List.of(), AT))
                .expectResultMessagePayload(Decision.deny(DenialReason.UNKNOWN_TOKEN));
    }

    @ParameterizedTest
    @EnumSource(value = TokenState.class, names = {"ERASED", "UNREADABLE"})
    void neverRecordsPlaintextHandedOutForAnUnavailableToken(TokenState state) {
        Purpose purpose = DELIVERY;
        fixture.givenNoPriorActivity()
                .when(request(MAY_DELIVER, purpose, facts(address(), state)))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.not(Decision.ALLOW))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(DetokenizationRefused.class)),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }
}
