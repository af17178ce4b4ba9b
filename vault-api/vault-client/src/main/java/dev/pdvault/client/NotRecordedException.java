package dev.pdvault.client;

import java.time.Duration;

/**
 * 503 {@code access-not-recorded} or {@code collection-not-recorded}: the vault could not commit the record of the
 * call in time, so no value (or token) was returned. The record may still have been committed late: the client
 * never repeats such a call on its own.
 */
public final class NotRecordedException extends VaultUnavailableException {

    static final String ACCESS = "access-not-recorded";
    static final String COLLECTION = "collection-not-recorded";

    NotRecordedException(Problem problem, Duration retryAfter) {
        super(problem, retryAfter);
    }
}
