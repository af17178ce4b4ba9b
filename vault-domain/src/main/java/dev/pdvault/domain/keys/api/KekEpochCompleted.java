package dev.pdvault.domain.keys.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A KEK epoch rollover is done: every live data key is wrapped by {@code primary} ({@code rewrappedKeys} of them
 * moved in this epoch), and {@code destroyedVersions} were destroyed in it.
 */
@Revision("1")
public record KekEpochCompleted(String ring, int epoch, KekVersion primary, long rewrappedKeys,
                                List<KekVersion> destroyedVersions, Instant at) {

    public KekEpochCompleted {
        destroyedVersions = List.copyOf(destroyedVersions);
    }
}
