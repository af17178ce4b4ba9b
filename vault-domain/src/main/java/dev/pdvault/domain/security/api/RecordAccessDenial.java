package dev.pdvault.domain.security.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Optional;

/** Records one request the vault turned away: who (if known), from where, which route, why, when. */
public record RecordAccessDenial(@TargetAggregateIdentifier SignalId signalId, Optional<Caller> caller,
                                 RequestSource source, Route route, DenialCause cause, Instant at) {
}
