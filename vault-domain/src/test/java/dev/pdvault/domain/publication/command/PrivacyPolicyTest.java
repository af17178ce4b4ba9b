package dev.pdvault.domain.publication.command;

import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.publication.api.PolicyVersionAlreadyPublishedException;
import dev.pdvault.domain.publication.api.PolicyVersionPublished;
import dev.pdvault.domain.publication.api.PublishPolicyVersion;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static dev.pdvault.domain.publication.api.PublishPolicyVersion.POLICY;

class PrivacyPolicyTest {

    private static final Caller OFFICER = Caller.of("privacy-officer");
    private static final Instant T1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Purpose ADVERTISING = Purpose.of("advertising");

    private AggregateTestFixture<PrivacyPolicy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PrivacyPolicy.class);
    }

    @Test
    void theFirstPublicationIsVersionOne() {
        fixture.givenNoPriorActivity()
                .when(new PublishPolicyVersion(POLICY, "2026-11-01", false, Set.of(), "first", OFFICER, T1))
                .expectEvents(new PolicyVersionPublished(POLICY, 1, "2026-11-01", false, Set.of(), "first", OFFICER, T1))
                .expectResultMessagePayload(1);
    }

    @Test
    void aMajorChangeNamesTheAffectedPurposes() {
        fixture.given(new PolicyVersionPublished(POLICY, 1, "2026-11-01", false, Set.of(), "first", OFFICER, T1))
                .when(new PublishPolicyVersion(POLICY, "2026-12-01", true, Set.of(ADVERTISING), "new ad partners",
                        OFFICER, T2))
                .expectEvents(new PolicyVersionPublished(POLICY, 2, "2026-12-01", true, Set.of(ADVERTISING),
                        "new ad partners", OFFICER, T2));
    }

    @Test
    void aMinorChangeAffectsNoConsent() {
        fixture.given(new PolicyVersionPublished(POLICY, 1, "2026-11-01", false, Set.of(), "first", OFFICER, T1))
                .when(new PublishPolicyVersion(POLICY, "2026-11-15", false, Set.of(ADVERTISING), "typo", OFFICER, T2))
                .expectEvents(new PolicyVersionPublished(POLICY, 2, "2026-11-15", false, Set.of(), "typo", OFFICER,
                        T2));
    }

    @Test
    void aLabelIsPublishedOnce() {
        fixture.given(new PolicyVersionPublished(POLICY, 1, "2026-11-01", false, Set.of(), "first", OFFICER, T1))
                .when(new PublishPolicyVersion(POLICY, "2026-11-01", true, Set.of(), "again", OFFICER, T2))
                .expectException(PolicyVersionAlreadyPublishedException.class)
                .expectNoEvents();
    }
}
