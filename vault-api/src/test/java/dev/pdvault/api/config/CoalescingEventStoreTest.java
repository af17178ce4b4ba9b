package dev.pdvault.api.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming processors' reader is woken at most once per interval: a burst of commits wakes it once, at the
 * interval's end, and every event still arrives, in order. (What that saves on PostgreSQL is measured by
 * bench/run, docs/performance.md.)
 */
class CoalescingEventStoreTest {

    private CoalescingEventStore store;

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void aBurstOfCommitsWithinTheIntervalWakesTheReaderOnceAtItsEnd() throws InterruptedException {
        store = storeWaking(Duration.ofSeconds(3));
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null);
        store.publish(GenericEventMessage.asEventMessage("event-0"));
        assertThat(store.wakeUps()).as("the first commit wakes the reader at once").isEqualTo(1);

        for (int i = 1; i < 50; i++) {
            store.publish(GenericEventMessage.asEventMessage("event-" + i));
        }
        assertThat(store.wakeUps()).as("the burst's wake-up waits for the interval's end").isEqualTo(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (store.wakeUps() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(store.wakeUps()).as("one wake-up for the 49 commits").isEqualTo(2);

        List<Object> received = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            received.add(next(stream));
        }
        assertThat(received).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "event-" + i).toList());
        assertThat(store.wakeUps()).isEqualTo(2);
        stream.close();
    }

    @Test
    void withoutAnIntervalEveryCommitWakesTheReader() throws InterruptedException {
        store = storeWaking(Duration.ZERO);
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null);
        for (int i = 0; i < 20; i++) {
            store.publish(GenericEventMessage.asEventMessage("event-" + i));
            assertThat(next(stream)).isEqualTo("event-" + i);
        }
        assertThat(store.wakeUps()).isEqualTo(20);
        stream.close();
    }

    /**
     * The shared cache of recent events is kept small ({@code vault.events.reader-cache}, 200 by default): a reader
     * that falls further behind reads the store on a stream of its own and joins the shared one again once it has
     * caught up, missing nothing and reading nothing twice.
     */
    @Test
    void aReaderFurtherBehindThanTheSharedCacheStillGetsEveryEventInOrder() throws InterruptedException {
        store = new CoalescingEventStore(EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine())
                .cachedEvents(5), Duration.ZERO);
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null);
        store.publish(GenericEventMessage.asEventMessage("event-0"));
        assertThat(next(stream)).isEqualTo("event-0");
        for (int i = 1; i < 60; i++) {
            store.publish(GenericEventMessage.asEventMessage("event-" + i));
        }
        List<Object> received = new ArrayList<>();
        for (int i = 1; i < 60; i++) {
            received.add(next(stream));
        }
        for (int i = 60; i < 70; i++) {
            store.publish(GenericEventMessage.asEventMessage("event-" + i));
            received.add(next(stream));
        }
        assertThat(received).containsExactlyElementsOf(IntStream.range(1, 70).mapToObj(i -> "event-" + i).toList());
        assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).as("nothing read twice").isFalse();
        stream.close();
    }

    private CoalescingEventStore storeWaking(Duration interval) {
        return new CoalescingEventStore(EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()),
                interval);
    }

    private static Object next(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).as("an event within 10 s").isTrue();
        return stream.nextAvailable().getPayload();
    }
}
