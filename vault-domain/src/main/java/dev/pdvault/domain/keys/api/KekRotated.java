package dev.pdvault.domain.keys.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A KEK epoch began: new data keys are wrapped by {@code newPrimary}; live ones are rewrapped under it next. */
@Revision("1")
public record KekRotated(String ring, int epoch, KekVersion newPrimary, KekVersion previousPrimary, Caller caller,
                         Instant at) {
}
