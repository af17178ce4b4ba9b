package dev.pdvault.domain.keys.command;

import dev.pdvault.domain.keys.api.CompleteKekEpoch;
import dev.pdvault.domain.keys.api.ErasureReachedBackups;
import dev.pdvault.domain.keys.api.KekEpochCompleted;
import dev.pdvault.domain.keys.api.KekRotated;
import dev.pdvault.domain.keys.api.KekVersion;
import dev.pdvault.domain.keys.api.KekVersionDestroyed;
import dev.pdvault.domain.keys.api.KekVersionNotDestroyedException;
import dev.pdvault.domain.keys.api.RecordErasureReachedBackups;
import dev.pdvault.domain.keys.api.RecordKekRotation;
import dev.pdvault.domain.keys.api.RecordKekVersionDestroyed;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.ErasureId;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.pdvault.domain.keys.api.RecordKekRotation.RING;

class KeyEncryptionKeyRingTest {

    private static final Caller OFFICER = Caller.of("security-officer");
    private static final KekVersion V1 = KekVersion.of("local-1111");
    private static final KekVersion V2 = KekVersion.of("local-2222");
    private static final KekVersion V3 = KekVersion.of("local-3333");
    private static final SubjectId SUBJECT = SubjectId.of("3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f607");
    private static final ErasureId ERASURE = ErasureId.of("9e8d7c6b-5a4f-4e3d-a2c1-b0a9f8e7d6c5");
    private static final Instant T1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-01T00:00:00Z");

    private AggregateTestFixture<KeyEncryptionKeyRing> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(KeyEncryptionKeyRing.class);
    }

    @Test
    void theFirstRotationOpensEpochOne() {
        fixture.givenNoPriorActivity()
                .when(new RecordKekRotation(RING, V2, V1, OFFICER, T1))
                .expectEvents(new KekRotated(RING, 1, V2, V1, OFFICER, T1))
                .expectResultMessagePayload(1);
    }

    @Test
    void recordingTheCurrentPrimaryAgainOpensNoEpoch() {
        fixture.given(new KekRotated(RING, 1, V2, V1, OFFICER, T1))
                .when(new RecordKekRotation(RING, V2, V1, OFFICER, T2))
                .expectNoEvents()
                .expectResultMessagePayload(1);
    }

    @Test
    void aDestroyedVersionIsRecordedOnce() {
        fixture.given(new KekRotated(RING, 1, V2, V1, OFFICER, T1), new KekVersionDestroyed(RING, 1, V1, T1))
                .when(new RecordKekVersionDestroyed(RING, V1, T2))
                .expectNoEvents();
    }

    @Test
    void aVersionIsDestroyedInTheCurrentEpoch() {
        fixture.given(new KekRotated(RING, 1, V2, V1, OFFICER, T1), new KekVersionDestroyed(RING, 1, V1, T1),
                        new KekEpochCompleted(RING, 1, V2, 5, List.of(V1), T1),
                        new KekRotated(RING, 2, V3, V2, OFFICER, T2))
                .when(new RecordKekVersionDestroyed(RING, V2, T2))
                .expectEvents(new KekVersionDestroyed(RING, 2, V2, T2));
    }

    @Test
    void anEpochCompletesWithTheVersionsDestroyedInIt() {
        fixture.given(new KekRotated(RING, 1, V2, V1, OFFICER, T1), new KekVersionDestroyed(RING, 1, V1, T1),
                        new KekEpochCompleted(RING, 1, V2, 5, List.of(V1), T1),
                        new KekRotated(RING, 2, V3, V2, OFFICER, T2), new KekVersionDestroyed(RING, 2, V2, T2))
                .when(new CompleteKekEpoch(RING, 2, 7, T2))
                .expectEvents(new KekEpochCompleted(RING, 2, V3, 7, List.of(V2), T2));
    }

    @Test
    void anEpochCompletesOnce() {
        fixture.given(new KekRotated(RING, 1, V2, V1, OFFICER, T1), new KekEpochCompleted(RING, 1, V2, 0, List.of(), T1))
                .when(new CompleteKekEpoch(RING, 1, 0, T2))
                .expectNoEvents();
    }

    @Test
    void anErasureReachesBackupsOnceEveryVersionThatWrappedItsKeysIsDestroyed() {
        fixture.given(new KekRotated(RING, 1, V2, V1, OFFICER, T1), new KekVersionDestroyed(RING, 1, V1, T1))
                .when(new RecordErasureReachedBackups(RING, SUBJECT, ERASURE, List.of(V1), T2))
                .expectEvents(new ErasureReachedBackups(RING, SUBJECT, ERASURE, List.of(V1), T2));
    }

    @Test
    void cannotSayAnErasureReachedBackupsWhileAVersionThatWrappedItsKeysExists() {
        fixture.given(new KekRotated(RING, 1, V2, V1, OFFICER, T1), new KekVersionDestroyed(RING, 1, V1, T1))
                .when(new RecordErasureReachedBackups(RING, SUBJECT, ERASURE, List.of(V1, V2), T2))
                .expectException(KekVersionNotDestroyedException.class)
                .expectNoEvents();
    }

    @Test
    void anErasureReachesBackupsOnce() {
        fixture.given(new KekRotated(RING, 1, V2, V1, OFFICER, T1), new KekVersionDestroyed(RING, 1, V1, T1),
                        new ErasureReachedBackups(RING, SUBJECT, ERASURE, List.of(V1), T1))
                .when(new RecordErasureReachedBackups(RING, SUBJECT, ERASURE, List.of(V1), T2))
                .expectNoEvents();
    }
}
