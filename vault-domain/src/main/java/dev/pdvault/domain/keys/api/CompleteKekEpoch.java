package dev.pdvault.domain.keys.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Closes the current epoch once its rewrap and destructions are done; closing it twice changes nothing. */
public record CompleteKekEpoch(@TargetAggregateIdentifier String ring, int epoch, long rewrappedKeys, Instant at) {
}
