package dev.pdvault.api.config;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DirectEventProcessingStrategy;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SubscribingEventProcessor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the one subscribing processor of the projections as Axon's {@code registerSubscribingEventProcessor} does
 * (same rollback configuration, error handler, monitor, transaction manager, span factory and message source), with
 * one difference: each projection group's invoker answers {@link EventHandlerInvoker#supportsReset()} from a value
 * read at start. Axon asks it for every group, twice for every event (whether any group can handle the event, then
 * before each group handles it), and each answer walked every handler method of the group's projections looking for
 * {@code @DisallowReplay}: 2% of the vault's CPU while detokenizing (docs/performance.md). Which handlers a
 * projection has does not change while the vault runs, so neither does the answer.
 */
final class ProjectionsProcessor {

    private ProjectionsProcessor() {
    }

    static EventProcessor build(String name, Configuration config, EventHandlerInvoker invoker) {
        EventProcessingConfiguration processing = config.eventProcessingConfiguration();
        return SubscribingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(steady(invoker))
                .rollbackConfiguration(processing.rollbackConfiguration(name))
                .errorHandler(processing.errorHandler(name))
                .messageMonitor(processing.messageMonitor(SubscribingEventProcessor.class, name))
                .messageSource(config.eventBus())
                .processingStrategy(DirectEventProcessingStrategy.INSTANCE)
                .transactionManager(processing.transactionManager(name))
                .spanFactory(config.getComponent(EventProcessorSpanFactory.class))
                .build();
    }

    /** The invoker with every group's reset support read once; groups and their order are kept. */
    static EventHandlerInvoker steady(EventHandlerInvoker invoker) {
        List<EventHandlerInvoker> groups = invoker instanceof MultiEventHandlerInvoker multi
                ? multi.delegates() : List.of(invoker);
        return new MultiEventHandlerInvoker(groups.stream().map(Steady::new).map(EventHandlerInvoker.class::cast)
                .toList());
    }

    /**
     * One group's invoker whose {@link #supportsReset()} was read once, at start, and whose {@link #canHandle} is
     * asked of Axon once per kind of message and payload type; everything else delegated.
     */
    static final class Steady implements EventHandlerInvoker {

        private record Kind(Class<?> message, Class<?> payload) {
        }

        private final EventHandlerInvoker delegate;
        private final boolean supportsReset;
        private final Map<Kind, Boolean> answers = new ConcurrentHashMap<>();

        Steady(EventHandlerInvoker delegate) {
            this.delegate = delegate;
            this.supportsReset = delegate.supportsReset();
        }

        EventHandlerInvoker delegate() {
            return delegate;
        }

        /**
         * Whether the group handles a message depends, for the projections' handlers, only on the kind of message
         * and its payload's type (they take no parameter that a message may lack, such as required metadata), and
         * in a subscribing processor the segment is always the root: so the answer is kept per kind and type.
         * Axon's answer walks every handler method of the group's projections, and is asked twice for every event
         * (before handling, and again before each group handles it): 4.5% of the vault's CPU while detokenizing.
         */
        @Override
        public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
            if (!Segment.ROOT_SEGMENT.equals(segment)) {
                return delegate.canHandle(eventMessage, segment);
            }
            Boolean known = answers.get(new Kind(eventMessage.getClass(), eventMessage.getPayloadType()));
            if (known != null) {
                return known;
            }
            boolean answer = delegate.canHandle(eventMessage, segment);
            answers.put(new Kind(eventMessage.getClass(), eventMessage.getPayloadType()), answer);
            return answer;
        }

        @Override
        public boolean canHandleType(Class<?> payloadType) {
            return delegate.canHandleType(payloadType);
        }

        @Override
        public void handle(EventMessage<?> message, Segment segment) throws Exception {
            delegate.handle(message, segment);
        }

        @Override
        public boolean supportsReset() {
            return supportsReset;
        }

        @Override
        public void performReset() {
            delegate.performReset();
        }

        @Override
        public <R> void performReset(R resetContext) {
            delegate.performReset(resetContext);
        }

        @Override
        public void segmentReleased(Segment segment) {
            delegate.segmentReleased(segment);
        }
    }
}
