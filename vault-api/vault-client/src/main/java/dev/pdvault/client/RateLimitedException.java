package dev.pdvault.client;

import java.time.Duration;

/** 429: too many calls; {@link #retryAfter()} says when to come back. */
public final class RateLimitedException extends VaultProblemException {

    RateLimitedException(Problem problem, Duration retryAfter) {
        super(problem, retryAfter);
    }
}
