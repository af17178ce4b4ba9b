package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Asks for a subject's erasure. Recorded before any key is touched, so a crash midway is finished on restart. */
public record RequestErasure(@TargetAggregateIdentifier SubjectId subjectId, ErasureId erasureId, Caller caller,
                             Instant at) implements SubjectCommand {
}
