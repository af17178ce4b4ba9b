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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The history of the vault's KEK versions, one epoch after another: which version became primary when, which
 * versions were destroyed, and which erasures thereby reached backups. It holds ids only, never key material,
 * and knows nothing of the keys themselves: the application rotates, rewraps and destroys, then records here.
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
