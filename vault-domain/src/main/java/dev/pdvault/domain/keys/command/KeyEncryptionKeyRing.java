package dev.pdvault.domain.keys.command;

import dev.pdvault.domain.keys.api.ChangeKekVersionState;
import dev.pdvault.domain.keys.api.CompleteKekEpoch;
import dev.pdvault.domain.keys.api.CompleteKekRewrap;
import dev.pdvault.domain.keys.api.KekRewrapCompleted;
import dev.pdvault.domain.keys.api.KekRewrapProgressed;
import dev.pdvault.domain.keys.api.KekRewrapStarted;
import dev.pdvault.domain.keys.api.KekState;
import dev.pdvault.domain.keys.api.KekStateTransitionRefusedException;
import dev.pdvault.domain.keys.api.KekVersionInUseException;
import dev.pdvault.domain.keys.api.KekVersionStateChanged;
import dev.pdvault.domain.keys.api.RecordKekRewrapProgress;
import dev.pdvault.domain.keys.api.RewrapJobId;
import dev.pdvault.domain.keys.api.StartKekRewrap;
import dev.pdvault.domain.keys.api.ErasureReachedBackups;
import dev.pdvault.domain.keys.api.KekEpochCompleted;
import dev.pdvault.domain.keys.api.KekRotated;
import dev.pdvault.domain.keys.api.KekVersion;
import dev.pdvault.domain.keys.api.KekVersionDestroyed;
import dev.pdvault.domain.keys.api.KekVersionNotDestroyedException;
import dev.pdvault.domain.keys.api.RecordErasureReachedBackups;
import dev.pdvault.domain.keys.api.RecordKekRotation;
import dev.pdvault.domain.keys.api.RecordKekVersionDestroyed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The history of the vault's KEK versions, one epoch after another: which version became primary when, which
 * versions were destroyed, and which erasures thereby reached backups. It holds ids only, never key material,
 * and knows nothing of the keys themselves: the application rotates, rewraps and destroys, then records here.
 *
 * <p>It also holds the state of every KEK version (NIST SP 800-57: {@link KekState}) and decides every move
 * between states, and the rewrap jobs that move data keys from one version to the primary, one at a time.
 */
public class KeyEncryptionKeyRing {

    @AggregateIdentifier
    private String ring;
    private int epoch;
    private KekVersion primary;
    private boolean epochCompleted = true;
    private final List<KekVersion> destroyedThisEpoch = new ArrayList<>();
    private final Set<KekVersion> destroyed = new HashSet<>();
    private final Set<String> erasuresReached = new HashSet<>();
    private final Map<KekVersion, KekState> states = new HashMap<>();
    private RewrapJobId runningRewrap;

    protected KeyEncryptionKeyRing() {
    }

    /** @return the number of the current epoch */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(RecordKekRotation cmd) {
        if (!cmd.newPrimary().equals(primary)) {
            apply(new KekRotated(cmd.ring(), epoch + 1, cmd.newPrimary(), cmd.previousPrimary(), cmd.caller(),
                    cmd.at()));
        }
        return epoch;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordKekVersionDestroyed cmd) {
        if (!destroyed.contains(cmd.version())) {
            apply(new KekVersionDestroyed(cmd.ring(), epoch, cmd.version(), cmd.at()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CompleteKekEpoch cmd) {
        if (cmd.epoch() == epoch && !epochCompleted) {
            apply(new KekEpochCompleted(cmd.ring(), epoch, primary, cmd.rewrappedKeys(),
                    List.copyOf(destroyedThisEpoch), cmd.at()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordErasureReachedBackups cmd) {
        if (erasuresReached.contains(cmd.erasureId().value())) {
            return;
        }
        for (KekVersion version : cmd.kekVersionsDestroyed()) {
            if (!destroyed.contains(version)) {
                throw new KekVersionNotDestroyedException(version);
            }
        }
        apply(new ErasureReachedBackups(cmd.ring(), cmd.subjectId(), cmd.erasureId(), cmd.kekVersionsDestroyed(),
                cmd.at()));
    }

    /**
     * Applies the move if the state machine allows it, the primary stays {@code ACTIVE}, and a version is destroyed
     * only once no live data key depends on it.
     *
     * @throws KekStateTransitionRefusedException when the state machine or the primary forbids the move
     * @throws KekVersionInUseException when destruction is asked while live data keys are wrapped by the version
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeKekVersionState cmd) {
        KekState from = states.containsKey(cmd.version()) ? states.get(cmd.version()) : cmd.from();
        if (from == null) {
            if (cmd.to() != KekState.PRE_ACTIVATION) {
                throw new KekStateTransitionRefusedException(cmd.version(), null, cmd.to(),
                        "a new version starts in PRE_ACTIVATION");
            }
        } else if (!from.mayMoveTo(cmd.to())) {
            throw new KekStateTransitionRefusedException(cmd.version(), from, cmd.to(), "not allowed from " + from);
        }
        if (cmd.primary() && cmd.to() != KekState.ACTIVE && from != null) {
            throw new KekStateTransitionRefusedException(cmd.version(), from, cmd.to(),
                    "the primary version must stay ACTIVE; rotate first");
        }
        if (cmd.to() == KekState.DESTROYED && cmd.liveDataKeys() > 0) {
            throw new KekVersionInUseException(cmd.version(), cmd.liveDataKeys());
        }
        apply(new KekVersionStateChanged(cmd.ring(), cmd.version(), from, cmd.to(), cmd.caller(), cmd.at()));
    }

    /** @return the job that moves the keys: the new one, or the one already running */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RewrapJobId handle(StartKekRewrap cmd) {
        if (runningRewrap != null) {
            return runningRewrap;
        }
        apply(new KekRewrapStarted(cmd.ring(), cmd.job(), cmd.primary(), cmd.keysToRewrap(), cmd.reason(),
                cmd.caller(), cmd.at()));
        return cmd.job();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordKekRewrapProgress cmd) {
        if (cmd.job().equals(runningRewrap)) {
            apply(new KekRewrapProgressed(cmd.ring(), cmd.job(), cmd.batches(), cmd.rewrapped(), cmd.failed(),
                    cmd.remaining(), cmd.at()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CompleteKekRewrap cmd) {
        if (cmd.job().equals(runningRewrap)) {
            apply(new KekRewrapCompleted(cmd.ring(), cmd.job(), cmd.primary(), cmd.rewrapped(), cmd.failed(),
                    cmd.at()));
        }
    }

    @EventSourcingHandler
    void on(KekVersionStateChanged event) {
        ring = event.ring();
        states.put(event.version(), event.to());
    }

    @EventSourcingHandler
    void on(KekRewrapStarted event) {
        ring = event.ring();
        runningRewrap = event.job();
    }

    @EventSourcingHandler
    void on(KekRewrapProgressed event) {
        ring = event.ring();
    }

    @EventSourcingHandler
    void on(KekRewrapCompleted event) {
        ring = event.ring();
        runningRewrap = null;
    }

    @EventSourcingHandler
    void on(KekRotated event) {
        ring = event.ring();
        epoch = event.epoch();
        primary = event.newPrimary();
        epochCompleted = false;
        destroyedThisEpoch.clear();
    }

    @EventSourcingHandler
    void on(KekVersionDestroyed event) {
        ring = event.ring();
        destroyed.add(event.version());
        destroyedThisEpoch.add(event.version());
    }

    @EventSourcingHandler
    void on(KekEpochCompleted event) {
        ring = event.ring();
        epochCompleted = true;
    }

    @EventSourcingHandler
    void on(ErasureReachedBackups event) {
        ring = event.ring();
        erasuresReached.add(event.erasureId().value());
    }
}
