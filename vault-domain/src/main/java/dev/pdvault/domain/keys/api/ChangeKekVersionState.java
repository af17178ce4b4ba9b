package dev.pdvault.domain.keys.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Moves a KEK version to another state. {@code from} is the state the application found (and locked) in its
 * table, {@code null} for a version the vault has never seen; {@code primary} says whether the version wraps new
 * data keys now; {@code liveDataKeys} how many live data keys it still wraps, counted under that lock.
 */
public record ChangeKekVersionState(@TargetAggregateIdentifier String ring, KekVersion version, KekState from,
                                    KekState to, boolean primary, long liveDataKeys, Caller caller, Instant at) {
}
