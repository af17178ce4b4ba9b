package dev.pdvault.domain.keys.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records that a new KEK version became the primary, which opens a new epoch. Recording the primary the ring
 * already has changes nothing (a rollover resumed after a crash).
 */
public record RecordKekRotation(@TargetAggregateIdentifier String ring, KekVersion newPrimary,
                                KekVersion previousPrimary, Caller caller, Instant at) {

    /** The one key ring of the vault. */
    public static final String RING = "kek-ring";
}
