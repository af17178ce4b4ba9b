package dev.pdvault.api.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Collection;

/**
 * How far each streaming (tracking or pooled) event processor is behind the head of the event store, for
 * whatever such processors the application has: {@code vault.event_processor.lag} is the head's global index
 * minus the position of the slowest segment this node holds (gaps in the global index count as events, so it is
 * an upper bound), {@code vault.event_processor.error_segments} the segments stopped by a failing handler. A node
 * that holds no segment of a processor reports NaN for it; with several nodes, take the maximum over them.
 */
@Component
public class EventProcessorLag {

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final MeterRegistry meters;

    public EventProcessorLag(EventProcessingConfiguration processing, EventStore events,
                             MeterRegistry meters) {
        this.processing = processing;
        this.events = events;
        this.meters = meters;
    }

    /** Registers the gauges once the processors exist. */
    @EventListener(ApplicationReadyEvent.class)
    public void register() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("vault.event_processor.lag", streaming, this::lag).tag("processor", name)
                        .baseUnit("events").description("Events between the store's head and the slowest segment")
                        .register(meters);
                Gauge.builder("vault.event_processor.error_segments", streaming,
                                p -> p.processingStatus().values().stream().filter(EventTrackerStatus::isErrorState)
                                        .count())
                        .tag("processor", name).description("Segments halted by a failing event handler")
                        .register(meters);
            }
        });
    }

    double lag(StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        if (segments.isEmpty()) {
            return Double.NaN;
        }
        long head = position(events.createHeadToken());
        long slowest = segments.stream().mapToLong(s -> position(s.getTrackingToken())).min().orElse(head);
        return Math.max(0, head - slowest);
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
