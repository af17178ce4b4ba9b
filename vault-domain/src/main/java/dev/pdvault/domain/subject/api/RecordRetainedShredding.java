package dev.pdvault.domain.subject.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Records that retained key classes, now past their deadline, were destroyed. */
public record RecordRetainedShredding(@TargetAggregateIdentifier SubjectId subjectId, List<DestroyedKey> destroyed,
                                      Instant at) implements SubjectCommand {

    public RecordRetainedShredding {
        destroyed = List.copyOf(destroyed);
    }
}
