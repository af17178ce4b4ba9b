package dev.pdvault.domain.keys.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A rewrap job is done: every live data key that could be unwrapped is wrapped by {@code primary}; {@code failed}
 * could not be unwrapped and keep their version.
 */
@Revision("1")
public record KekRewrapCompleted(String ring, RewrapJobId job, KekVersion primary, long rewrapped, long failed,
                                 Instant at) {
}
