package dev.pdvault.api;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test only: the vault's clock in the integration tests, the real time plus an offset a test may move. All ITs
 * share one context, so a test that moves it must {@link #reset()} it afterwards.
 */
public final class TestClock extends Clock {

    private final Clock real = Clock.systemUTC();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    /** Moves the vault's time forward (or back) by this much from the real time. */
    public void moveTo(Duration fromNow) {
        offset.set(fromNow);
    }

    /** Stops the vault's time at this instant, until it is fixed elsewhere or {@link #reset()}. */
    public void fixAt(Instant instant) {
        fixed.set(instant);
    }

    public void reset() {
        fixed.set(null);
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        Instant at = fixed.get();
        return at != null ? at : real.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("the vault's clock is UTC");
    }

    /** Replaces the application's clock in the shared IT context; it keeps the real time until a test moves it. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
