package dev.pdvault.api.subject;

import dev.pdvault.domain.subject.api.DestroyedKey;

import java.time.Instant;
import java.util.List;

/**
 * What an erasure did: which data keys were destroyed and when (also those retained by law and shredded
 * later), which key classes are still retained and until when, which legal holds keep it pending, which
 * recipients were told to delete, and which KEK versions that ever wrapped the destroyed keys still exist. {@code
 * reachesBackups} stays false until every one of those KEK versions is destroyed too (by a KEK epoch, recorded
 * as {@code ErasureReachedBackups} at {@code reachedBackupsAt}): until then a backup holding both the wrapped
 * key and the KEK could still be read.
 */
public record ErasureReceipt(String subjectId, String erasureId, String status, Instant requestedAt,
                             Instant completedAt, List<DestroyedKey> destroyedKeys, List<Retained> retained,
                             List<Hold> holds, List<Notified> recipientsNotified, List<String> kekVersionsToDestroy,
                             boolean reachesBackups, Instant reachedBackupsAt) {

    /** A key class kept after the erasure: until when (null while unknown), and when it was shredded. */
    public record Retained(String keyClass, Instant until, Instant shreddedAt) {
    }

    /** A legal hold in force on the subject. */
    public record Hold(String holdId, String reference, Instant placedAt) {
    }

    /** A recipient told to delete (or stop processing) what it received. */
    public record Notified(String recipient, String notice, Instant at) {
    }

    public boolean complete() {
        return completedAt != null;
    }
}
