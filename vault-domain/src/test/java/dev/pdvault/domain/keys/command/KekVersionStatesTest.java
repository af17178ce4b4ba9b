package dev.pdvault.domain.keys.command;

import dev.pdvault.domain.keys.api.ChangeKekVersionState;
import dev.pdvault.domain.keys.api.CompleteKekRewrap;
import dev.pdvault.domain.keys.api.KekRewrapCompleted;
import dev.pdvault.domain.keys.api.KekRewrapProgressed;
import dev.pdvault.domain.keys.api.KekRewrapStarted;
import dev.pdvault.domain.keys.api.KekState;
import dev.pdvault.domain.keys.api.KekStateTransitionRefusedException;
import dev.pdvault.domain.keys.api.KekVersion;
import dev.pdvault.domain.keys.api.KekVersionInUseException;
import dev.pdvault.domain.keys.api.KekVersionStateChanged;
import dev.pdvault.domain.keys.api.RecordKekRewrapProgress;
import dev.pdvault.domain.keys.api.RewrapJobId;
import dev.pdvault.domain.keys.api.RewrapReason;
import dev.pdvault.domain.keys.api.StartKekRewrap;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.pdvault.domain.keys.api.KekState.ACTIVE;
import static dev.pdvault.domain.keys.api.KekState.COMPROMISED;
import static dev.pdvault.domain.keys.api.KekState.DEACTIVATED;
import static dev.pdvault.domain.keys.api.KekState.DESTROYED;
import static dev.pdvault.domain.keys.api.KekState.PRE_ACTIVATION;
import static dev.pdvault.domain.keys.api.KekState.SUSPENDED;
import static dev.pdvault.domain.keys.api.RecordKekRotation.RING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KEK version state machine (NIST SP 800-57 Part 1, 7), move by move: every allowed move applies
 * {@code KekVersionStateChanged} with its time and actor; every other move is refused with no event.
 */
class KekVersionStatesTest {

    private static final Caller OFFICER = Caller.of("dev-security-officer");
    private static final KekVersion V1 = KekVersion.of("local-1111");
    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final RewrapJobId JOB = RewrapJobId.of("0b5e7a1c-2d3f-4a5b-8c6d-7e8f9a0b1c2d");
    private static final RewrapJobId OTHER = RewrapJobId.of("1c6f8b2d-3e4a-4b6c-9d7e-8f9a0b1c2d3e");

    /** The allowed moves, written out on their own rather than derived from {@link KekState}. */
    private static final Set<List<KekState>> ALLOWED = Set.of(
            Arrays.asList(null, PRE_ACTIVATION),
            List.of(PRE_ACTIVATION, ACTIVE), List.of(PRE_ACTIVATION, COMPROMISED), List.of(PRE_ACTIVATION, DESTROYED),
            List.of(ACTIVE, SUSPENDED), List.of(ACTIVE, DEACTIVATED), List.of(ACTIVE, COMPROMISED),
            List.of(SUSPENDED, ACTIVE), List.of(SUSPENDED, DEACTIVATED), List.of(SUSPENDED, COMPROMISED),
            List.of(DEACTIVATED, COMPROMISED), List.of(DEACTIVATED, DESTROYED),
            List.of(COMPROMISED, DESTROYED));

    private AggregateTestFixture<KeyEncryptionKeyRing> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(KeyEncryptionKeyRing.class);
    }

    static Stream<Arguments> everyMove() {
        List<KekState> froms = new ArrayList<>();
        froms.add(null);
        froms.addAll(List.of(KekState.values()));
        return froms.stream().flatMap(from -> Arrays.stream(KekState.values())
                .map(to -> Arguments.of(from, to, ALLOWED.contains(Arrays.asList(from, to)))));
    }

    /** The events that put V1 into {@code state}, along an allowed path. */
    private static List<Object> history(KekState state) {
        List<Object> events = new ArrayList<>();
        if (state == null) {
            return events;
        }
        events.add(new KekVersionStateChanged(RING, V1, null, PRE_ACTIVATION, OFFICER, T0));
        List<KekState> path = switch (state) {
            case PRE_ACTIVATION -> List.of();
            case ACTIVE -> List.of(ACTIVE);
            case SUSPENDED -> List.of(ACTIVE, SUSPENDED);
            case DEACTIVATED -> List.of(ACTIVE, DEACTIVATED);
            case COMPROMISED -> List.of(ACTIVE, COMPROMISED);
            case DESTROYED -> List.of(ACTIVE, DEACTIVATED, DESTROYED);
        };
        KekState from = PRE_ACTIVATION;
        for (KekState to : path) {
            events.add(new KekVersionStateChanged(RING, V1, from, to, OFFICER, T0));
            from = to;
        }
        return events;
    }

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @MethodSource("everyMove")
    void everyMoveBetweenStatesIsAnEventOrRefused(KekState from, KekState to, boolean allowed) {
        var when = fixture.given(history(from)).when(new ChangeKekVersionState(RING, V1, from, to, false, 0, OFFICER, T1));
        if (allowed) {
            when.expectSuccessfulHandlerExecution()
                    .expectEvents(new KekVersionStateChanged(RING, V1, from, to, OFFICER, T1));
        } else {
            when.expectException(KekStateTransitionRefusedException.class).expectNoEvents();
        }
    }

    @Test
    void theTableCoversEveryMoveTheStateMachineAllows() {
        long allowed = everyMove().filter(a -> (boolean) a.get()[2]).count();
        assertThat(allowed).isEqualTo(ALLOWED.size());
        for (KekState from : KekState.values()) {
            for (KekState to : from.next()) {
                assertThat(ALLOWED).contains(List.of(from, to));
            }
        }
    }

    @Test
    void aVersionTheRingNeverSawMovesFromTheStateTheVaultRecorded() {
        fixture.givenNoPriorActivity()
                .when(new ChangeKekVersionState(RING, V1, ACTIVE, DEACTIVATED, false, 3, OFFICER, T1))
                .expectEvents(new KekVersionStateChanged(RING, V1, ACTIVE, DEACTIVATED, OFFICER, T1));
    }

    @Test
    void theRingsOwnStateWinsOverTheOneTheCommandCarries() {
        fixture.given(history(DESTROYED))
                .when(new ChangeKekVersionState(RING, V1, DEACTIVATED, DESTROYED, false, 0, OFFICER, T1))
                .expectException(KekStateTransitionRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void cannotSuspendThePrimary() {
        fixture.given(history(ACTIVE))
                .when(new ChangeKekVersionState(RING, V1, ACTIVE, SUSPENDED, true, 0, OFFICER, T1))
                .expectException(KekStateTransitionRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void cannotCompromiseThePrimaryWithoutRotatingFirst() {
        fixture.given(history(ACTIVE))
                .when(new ChangeKekVersionState(RING, V1, ACTIVE, COMPROMISED, true, 0, OFFICER, T1))
                .expectException(KekStateTransitionRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void cannotDestroyAVersionThatStillWrapsDataKeys() {
        fixture.given(history(DEACTIVATED))
                .when(new ChangeKekVersionState(RING, V1, DEACTIVATED, DESTROYED, false, 42, OFFICER, T1))
                .expectException(KekVersionInUseException.class)
                .expectExceptionMessage("KEK version local-1111 still wraps 42 live data key(s)")
                .expectNoEvents();
    }

    @Test
    void canDestroyACompromisedVersionOnceNothingDependsOnIt() {
        fixture.given(history(COMPROMISED))
                .when(new ChangeKekVersionState(RING, V1, COMPROMISED, DESTROYED, false, 0, OFFICER, T1))
                .expectEvents(new KekVersionStateChanged(RING, V1, COMPROMISED, DESTROYED, OFFICER, T1));
    }

    @Test
    void aRewrapStartsProgressesAndCompletes() {
        KekVersion v2 = KekVersion.of("local-2222");
        fixture.givenNoPriorActivity()
                .when(new StartKekRewrap(RING, JOB, v2, 10, RewrapReason.ROTATION, OFFICER, T0))
                .expectEvents(new KekRewrapStarted(RING, JOB, v2, 10, RewrapReason.ROTATION, OFFICER, T0))
                .expectResultMessagePayload(JOB);
        fixture.given(new KekRewrapStarted(RING, JOB, v2, 10, RewrapReason.ROTATION, OFFICER, T0))
                .when(new RecordKekRewrapProgress(RING, JOB, 5, 6, 0, 4, T1))
                .expectEvents(new KekRewrapProgressed(RING, JOB, 5, 6, 0, 4, T1));
        fixture.given(new KekRewrapStarted(RING, JOB, v2, 10, RewrapReason.ROTATION, OFFICER, T0))
                .when(new CompleteKekRewrap(RING, JOB, v2, 10, 0, T1))
                .expectEvents(new KekRewrapCompleted(RING, JOB, v2, 10, 0, T1));
    }

    @Test
    void aSecondRewrapWhileOneRunsIsTheRunningOne() {
        KekVersion v2 = KekVersion.of("local-2222");
        fixture.given(new KekRewrapStarted(RING, JOB, v2, 10, RewrapReason.ROTATION, OFFICER, T0))
                .when(new StartKekRewrap(RING, OTHER, v2, 10, RewrapReason.COMPROMISE, OFFICER, T1))
                .expectNoEvents()
                .expectResultMessagePayload(JOB);
    }

    @Test
    void aRewrapCompletesOnce() {
        KekVersion v2 = KekVersion.of("local-2222");
        fixture.given(new KekRewrapStarted(RING, JOB, v2, 10, RewrapReason.ROTATION, OFFICER, T0),
                        new KekRewrapCompleted(RING, JOB, v2, 10, 0, T1))
                .when(new CompleteKekRewrap(RING, JOB, v2, 10, 0, T1))
                .expectNoEvents();
    }

    @Test
    void progressOfAnotherJobIsNotRecorded() {
        KekVersion v2 = KekVersion.of("local-2222");
        fixture.given(new KekRewrapStarted(RING, JOB, v2, 10, RewrapReason.ROTATION, OFFICER, T0))
                .when(new RecordKekRewrapProgress(RING, OTHER, 1, 1, 0, 9, T1))
                .expectNoEvents();
    }
}
