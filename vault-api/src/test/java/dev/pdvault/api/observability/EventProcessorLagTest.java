package dev.pdvault.api.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.function.DoublePredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The lag gauge against a real tracking processor whose handler the test holds up, then lets go. */
class EventProcessorLagTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private Configuration axon;

    static final class HeldUpHandler {
        private final CountDownLatch release;

        HeldUpHandler(CountDownLatch release) {
            this.release = release;
        }

        @EventHandler
        void on(String event) throws InterruptedException {
            release.await();
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    void countsTheEventsATrackingProcessorIsBehindAndFallsToZeroOnceItCatchesUp() throws Exception {
        var configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        configurer.eventProcessing()
                .registerTokenStore(c -> new InMemoryTokenStore())
                .registerTrackingEventProcessor("held-up")
                .registerEventHandler(c -> new HeldUpHandler(release))
                .assignHandlerInstancesMatching("held-up", handler -> true);
        axon = configurer.start();
        for (int i = 0; i < 6; i++) {
            axon.eventBus().publish(GenericEventMessage.asEventMessage("event " + i));
        }
        new EventProcessorLag(axon.eventProcessingConfiguration(), axon.eventStore(), meters).register();

        awaitLag(lag -> lag >= 5, "behind while its handler is held up");
        assertThat(meters.get("vault.event_processor.error_segments").tag("processor", "held-up").gauge().value())
                .isZero();
        release.countDown();
        awaitLag(lag -> lag == 0, "caught up");
    }

    private void awaitLag(DoublePredicate expected, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        double lag = Double.NaN;
        while (Instant.now().isBefore(deadline)) {
            lag = meters.get("vault.event_processor.lag").tag("processor", "held-up").gauge().value();
            if (expected.test(lag)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + ": lag is " + lag);
    }
}
