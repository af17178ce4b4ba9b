package dev.pdvault.domain.request.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The subject appeals an automated decision after its explanation was given (policy: V (5)). */
public record AppealAutomatedDecision(@TargetAggregateIdentifier RequestId requestId, Caller caller, Instant at) {
}
