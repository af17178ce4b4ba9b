package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A privileged identity holds the subject's data: nothing of it is shredded until the hold is released. */
public record PlaceLegalHold(@TargetAggregateIdentifier SubjectId subjectId, HoldId holdId, String reference,
                             Caller caller, Instant at) implements SubjectCommand {
}
