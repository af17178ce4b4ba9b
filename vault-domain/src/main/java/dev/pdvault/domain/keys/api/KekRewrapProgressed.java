package dev.pdvault.domain.keys.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * How far a rewrap job got: batches done, keys rewrapped and keys that could not be unwrapped so far, and how many of
 * the keys it found at its start it has still to visit.
 */
@Revision("1")
public record KekRewrapProgressed(String ring, RewrapJobId job, long batches, long rewrapped, long failed,
                                  long remaining, Instant at) {
}
