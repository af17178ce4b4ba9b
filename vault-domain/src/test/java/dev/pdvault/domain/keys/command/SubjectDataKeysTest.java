package dev.pdvault.domain.keys.command;

import dev.pdvault.domain.keys.api.DataKeyRotated;
import dev.pdvault.domain.keys.api.DataKeysId;
import dev.pdvault.domain.keys.api.RecordDataKeyRotation;
import dev.pdvault.domain.keys.api.RotationReason;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class SubjectDataKeysTest {

    private static final SubjectId SUBJECT = SubjectId.of("3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f607");
    private static final DataKeysId ID = DataKeysId.of(SUBJECT);
    private static final KeyClass ACCOUNT = KeyClass.of("account");
    private static final KeyClass TRANSACTION = KeyClass.of("transaction");
    private static final Caller OFFICER = Caller.of("security-officer");
    private static final Instant T1 = Instant.parse("2026-11-01T00:00:00Z");

    private AggregateTestFixture<SubjectDataKeys> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SubjectDataKeys.class);
    }

    @Test
    void firstRotationStartsTheHistory() {
        fixture.givenNoPriorActivity()
                .when(new RecordDataKeyRotation(SUBJECT, ACCOUNT, 2, 77, RotationReason.MANUAL, OFFICER, T1))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new DataKeyRotated(ID, SUBJECT, ACCOUNT, 2, 77, RotationReason.MANUAL, OFFICER, T1));
    }

    @Test
    void canRotateAgainToALaterVersion() {
        fixture.given(new DataKeyRotated(ID, SUBJECT, ACCOUNT, 2, 77, RotationReason.MANUAL, OFFICER, T1))
                .when(new RecordDataKeyRotation(SUBJECT, ACCOUNT, 4, 78, RotationReason.THRESHOLD, OFFICER, T1))
                .expectEvents(new DataKeyRotated(ID, SUBJECT, ACCOUNT, 4, 78, RotationReason.THRESHOLD, OFFICER, T1));
    }

    @Test
    void recordingAVersionAlreadyRecordedChangesNothing() {
        fixture.given(new DataKeyRotated(ID, SUBJECT, ACCOUNT, 3, 77, RotationReason.ALL, OFFICER, T1))
                .when(new RecordDataKeyRotation(SUBJECT, ACCOUNT, 3, 77, RotationReason.ALL, OFFICER, T1))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void eachKeyClassHasItsOwnVersions() {
        fixture.given(new DataKeyRotated(ID, SUBJECT, ACCOUNT, 5, 77, RotationReason.ALL, OFFICER, T1))
                .when(new RecordDataKeyRotation(SUBJECT, TRANSACTION, 2, 90, RotationReason.ALL, OFFICER, T1))
                .expectEvents(new DataKeyRotated(ID, SUBJECT, TRANSACTION, 2, 90, RotationReason.ALL, OFFICER, T1));
    }
}
