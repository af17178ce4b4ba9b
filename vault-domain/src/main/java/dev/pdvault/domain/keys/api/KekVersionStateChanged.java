package dev.pdvault.domain.keys.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A KEK version moved from one state to another ({@code from} is {@code null} when it was generated), at
 * {@code at} (UTC), on behalf of {@code caller}.
 */
@Revision("1")
public record KekVersionStateChanged(String ring, KekVersion version, KekState from, KekState to, Caller caller,
                                     Instant at) {
}
