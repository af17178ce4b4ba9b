package dev.pdvault.api.subject;

import dev.pdvault.domain.subject.api.DestroyedKey;

import java.time.Instant;
import java.util.List;

/**
 * What an erasure did: which data keys were destroyed and when, and which KEK versions had wrapped them.
 * {@code reachesBackups} stays false until every one of those KEK versions is destroyed too (key management
 * issue): until then a backup holding both the wrapped key and the KEK could still be read.
 */
public record ErasureReceipt(String subjectId, String erasureId, Instant requestedAt, Instant completedAt,
                             List<DestroyedKey> destroyedKeys, List<String> kekVersionsToDestroy,
                             boolean reachesBackups) {

    public boolean complete() {
        return completedAt != null;
    }
}
