package dev.pdvault.domain.keys.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records that a KEK version no live data key depended on was destroyed; recording it twice changes nothing. */
public record RecordKekVersionDestroyed(@TargetAggregateIdentifier String ring, KekVersion version, Instant at) {
}
