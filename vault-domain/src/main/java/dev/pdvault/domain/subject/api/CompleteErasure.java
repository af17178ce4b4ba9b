package dev.pdvault.domain.subject.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Records that the subject's data keys were destroyed: writes the one tombstone of the erasure. */
public record CompleteErasure(@TargetAggregateIdentifier SubjectId subjectId, ErasureId erasureId,
                              List<DestroyedKey> destroyedKeys, Instant at) implements SubjectCommand {

    public CompleteErasure {
        destroyedKeys = List.copyOf(destroyedKeys);
    }
}
