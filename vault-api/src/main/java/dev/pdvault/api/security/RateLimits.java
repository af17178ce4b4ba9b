package dev.pdvault.api.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per identity (Bucket4j, in memory, per node): {@code requests} per {@code per}, up to
 * {@code burst} at once, from {@code vault.security.rate-limit}.
 */
@Component
public class RateLimits {

    private final SecuritySettings.RateLimit settings;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(SecuritySettings settings) {
        this.settings = settings.rateLimit();
    }

    /** Takes one request from the identity's bucket; empty when admitted, else the seconds until it may retry. */
    public OptionalLong take(Identity identity) {
        if (!settings.enabled()) {
            return OptionalLong.empty();
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(identity.caller().name(), this::bucket)
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }

    private Bucket bucket(String identity) {
        SecuritySettings.Limit limit = settings.identities().getOrDefault(identity, settings.defaults());
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(limit.burst())
                .refillGreedy(limit.requests(), limit.per()).build()).build();
    }
}
