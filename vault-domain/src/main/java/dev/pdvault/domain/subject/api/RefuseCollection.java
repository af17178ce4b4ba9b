package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records a collection that could not even be sealed (the subject's key is destroyed), so the refusal is an
 * event like every other.
 */
public record RefuseCollection(@TargetAggregateIdentifier SubjectId subjectId, CollectionId collectionId,
                               Category category, Purpose purpose, RefusalReason reason, Caller caller, Instant at)
        implements SubjectCommand {
}
