package dev.pdvault.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently the client repeats a call. Which calls may be repeated at all is not configurable:
 * a read ({@code GET}) is repeated after any failure without a definite answer; a write — and every
 * detokenization, since the vault records each one as an access — only when it provably never reached the vault
 * (the connection was refused or never established), or when the vault answered 503 or 429 with
 * {@code Retry-After}, which it sends only when it did nothing.
 *
 * <p>Between attempts the client waits what {@code Retry-After} asks, or else an exponential backoff with jitter:
 * a random time between half and all of {@code initialBackoff × 2^(retry-1)}, at most {@code maxBackoff}. A
 * {@code Retry-After} longer than {@code maxRetryAfter} is not waited for: the call fails with it.
 *
 * @param maxAttempts attempts in all, the first included (1: never repeat)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("backoffs must be positive and maxBackoff at least initialBackoff");
        }
    }

    /** Four attempts, 100 ms doubling to at most 2 s, and a {@code Retry-After} of up to 30 s honoured. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    public static RetryPolicy never() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param retry  1 for the wait before the second attempt
     * @param random a number in [0, 1)
     */
    Duration backoff(int retry, double random) {
        long ceiling = initialBackoff.toNanos();
        for (int i = 1; i < retry && ceiling < maxBackoff.toNanos(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxBackoff.toNanos());
        return Duration.ofNanos(ceiling / 2 + (long) (random * (ceiling - ceiling / 2)));
    }
}
