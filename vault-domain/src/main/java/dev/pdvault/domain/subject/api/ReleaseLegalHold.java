package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Releases a hold; deadlines that passed during it are honoured from now on. */
public record ReleaseLegalHold(@TargetAggregateIdentifier SubjectId subjectId, HoldId holdId, Caller caller,
                               Instant at) implements SubjectCommand {
}
