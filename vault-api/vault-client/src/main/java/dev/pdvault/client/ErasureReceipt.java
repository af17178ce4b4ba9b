package dev.pdvault.client;

import java.time.Instant;
import java.util.List;

/**
 * What an erasure did, as the vault reports it. {@code complete} is false while data is retained by law or a legal
 * hold keeps the erasure pending; {@code reachesBackups} turns true once every KEK version that wrapped the
 * destroyed keys is destroyed too (docs/api.md, "DELETE /v1/subjects/{subjectId}").
 */
public record ErasureReceipt(SubjectId subjectId, String erasureId, String status, Instant requestedAt,
                             Instant completedAt, List<String> kekVersionsToDestroy, boolean reachesBackups,
                             Instant reachedBackupsAt) {

    public boolean complete() {
        return completedAt != null;
    }
}
