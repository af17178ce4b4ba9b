package dev.pdvault.domain.keys.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A KEK version is destroyed: every data key it alone wrapped, in any copy of the database (replicas, dead
 * tuples, WAL, backups), can never be unwrapped again.
 */
@Revision("1")
public record KekVersionDestroyed(String ring, int epoch, KekVersion version, Instant at) {
}
