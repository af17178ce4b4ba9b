package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.Recipient;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Records that the subject's data keys due for shredding were destroyed: writes the one tombstone of the
 * erasure, with what is retained, and the erasure notice to every recipient of the subject's tokens.
 */
public record CompleteErasure(@TargetAggregateIdentifier SubjectId subjectId, ErasureId erasureId,
                              List<DestroyedKey> destroyedKeys, List<RetainedData> retained,
                              List<Recipient> recipients, Instant at) implements SubjectCommand {

    public CompleteErasure {
        destroyedKeys = List.copyOf(destroyedKeys);
        retained = List.copyOf(retained);
        recipients = List.copyOf(recipients);
    }

    public CompleteErasure(SubjectId subjectId, ErasureId erasureId, List<DestroyedKey> destroyedKeys, Instant at) {
        this(subjectId, erasureId, destroyedKeys, List.of(), List.of(), at);
    }
}
