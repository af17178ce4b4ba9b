package dev.pdvault.api.config;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Axon's embedded event store, whose reader for the streaming processors (the feed) is woken at most once per
 * {@code interval} instead of after every commit.
 * <p>
 * Axon's producer thread reads the store after each commit it is told of, then once more, and waits when that
 * read finds nothing. Group-committed detokenizations commit a thousand times a second or more, so the producer
 * ran two queries of {@code domain_event_entry} (and its gap checks) per commit, although the feed routes none of
 * those events. Woken at most every {@code interval}, it reads the commits of that interval in one query. A commit
 * between two wake-ups gets a wake-up of its own at the end of the interval, so the feed lags by at most
 * {@code interval} more than before; nothing is skipped (the producer reads by position, whatever woke it).
 */
final class CoalescingEventStore extends EmbeddedEventStore {

    private final long intervalNanos;
    private final AtomicLong lastWake;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final AtomicLong wakeUps = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "event-store-wake");
        thread.setDaemon(true);
        return thread;
    });

    CoalescingEventStore(Builder builder, Duration interval) {
        super(builder);
        this.intervalNanos = interval.toNanos();
        this.lastWake = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (intervalNanos <= 0) {
            wakeUps.incrementAndGet();
            super.afterCommit(events);
            return;
        }
        long now = System.nanoTime();
        long last = lastWake.get();
        if (now - last >= intervalNanos && lastWake.compareAndSet(last, now)) {
            wakeUps.incrementAndGet();
            super.afterCommit(events);
        } else if (wakeScheduled.compareAndSet(false, true)) {
            timer.schedule(this::wake, Math.max(intervalNanos - (now - last), 0), TimeUnit.NANOSECONDS);
        }
    }

    private void wake() {
        wakeScheduled.set(false);
        lastWake.set(System.nanoTime());
        wakeUps.incrementAndGet();
        super.afterCommit(List.of());
    }

    /** How many times commits have woken the reader so far. */
    long wakeUps() {
        return wakeUps.get();
    }

    @Override
    public void shutDown() {
        timer.shutdownNow();
        super.shutDown();
    }
}
