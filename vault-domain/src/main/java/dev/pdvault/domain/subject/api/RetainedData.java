package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.KeyClass;

import java.time.Instant;
import java.util.Optional;

/**
 * A key class kept after an erasure because the law requires it, and until when: empty while a transaction
 * of the class has not completed (its deadline is not known yet).
 */
public record RetainedData(KeyClass keyClass, Optional<Instant> until) {

    public static RetainedData until(KeyClass keyClass, Instant deadline) {
        return new RetainedData(keyClass, Optional.of(deadline));
    }

    public static RetainedData untilTransactionsComplete(KeyClass keyClass) {
        return new RetainedData(keyClass, Optional.empty());
    }
}
