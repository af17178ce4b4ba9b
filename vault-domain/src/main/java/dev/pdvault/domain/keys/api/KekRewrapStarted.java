package dev.pdvault.domain.keys.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A rewrap job started: {@code keysToRewrap} live data keys were wrapped by another version than {@code primary}. */
@Revision("1")
public record KekRewrapStarted(String ring, RewrapJobId job, KekVersion primary, long keysToRewrap,
                               RewrapReason reason, Caller caller, Instant at) {
}
