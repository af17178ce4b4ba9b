package dev.pdvault.domain.subject.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Asks the subject which of its key classes may be shredded now (after an erasure request): those whose
 * retention has run out, unless a legal hold stands. A hold that blocks shredding is recorded, once.
 */
public record PlanShredding(@TargetAggregateIdentifier SubjectId subjectId, Instant at) implements SubjectCommand {
}
