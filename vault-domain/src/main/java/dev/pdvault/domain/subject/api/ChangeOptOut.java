package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The subject opts out of (or back into) promotional messages on a channel, or targeting by personal features. */
public record ChangeOptOut(@TargetAggregateIdentifier SubjectId subjectId, OptOut optOut, boolean optedOut,
                           Caller caller, Instant at) implements SubjectCommand {
}
