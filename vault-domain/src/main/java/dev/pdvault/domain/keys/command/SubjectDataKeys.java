package dev.pdvault.domain.keys.command;

import dev.pdvault.domain.keys.api.DataKeyRotated;
import dev.pdvault.domain.keys.api.DataKeysId;
import dev.pdvault.domain.keys.api.RecordDataKeyRotation;
import dev.pdvault.domain.policy.KeyClass;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The rotation history of one subject's data keys, one per key class. Kept apart from {@code DataSubject} so that
 * rotations (automatic ones happen in the middle of a collection) never contend on the subject's event stream.
 * Its state is the last recorded version per key class; it holds no key material.
 */
public class SubjectDataKeys {

    @AggregateIdentifier
    private DataKeysId dataKeysId;
    private final Map<KeyClass, Long> versions = new HashMap<>();

    protected SubjectDataKeys() {
    }

    /** @return whether the rotation was recorded now (false when this version or a later one already was) */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RecordDataKeyRotation cmd) {
        if (versions.getOrDefault(cmd.keyClass(), 0L) >= cmd.newVersion()) {
            return false;
        }
        apply(new DataKeyRotated(cmd.dataKeysId(), cmd.subjectId(), cmd.keyClass(), cmd.newVersion(),
                cmd.newKeyId(), cmd.reason(), cmd.caller(), cmd.at()));
        return true;
    }

    @EventSourcingHandler
    void on(DataKeyRotated event) {
        dataKeysId = event.dataKeysId();
        versions.merge(event.keyClass(), event.newVersion(), Math::max);
    }
}
