package dev.pdvault.api.config;

import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The projections' invoker answers as Axon's would, but reads each group's reset support once. */
class ProjectionsProcessorTest {

    record Collected(String id) {
    }

    record Other(String id) {
    }

    static final class Replayable {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(Collected event) {
            seen.add(event.id());
        }
    }

    static final class LiveOnly {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        @DisallowReplay
        void on(Collected event) {
            seen.add(event.id());
        }
    }

    /** Counts how often Axon asks for its reset support. */
    static final class Counting implements EventHandlerInvoker {
        final EventHandlerInvoker delegate;
        int supportsResetCalls;

        int canHandleCalls;

        Counting(EventHandlerInvoker delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
            canHandleCalls++;
            return delegate.canHandle(eventMessage, segment);
        }

        @Override
        public void handle(EventMessage<?> message, Segment segment) throws Exception {
            delegate.handle(message, segment);
        }

        @Override
        public boolean supportsReset() {
            supportsResetCalls++;
            return delegate.supportsReset();
        }
    }

    @Test
    void eachGroupIsAskedForItsResetSupportOnceNotForEveryEvent() throws Exception {
        Counting replayable = new Counting(SimpleEventHandlerInvoker.builder().eventHandlers(new Replayable()).build());
        Counting liveOnly = new Counting(SimpleEventHandlerInvoker.builder().eventHandlers(new LiveOnly()).build());
        EventHandlerInvoker steady = ProjectionsProcessor.steady(new MultiEventHandlerInvoker(replayable, liveOnly));
        for (int i = 0; i < 100; i++) {
            EventMessage<?> event = GenericEventMessage.asEventMessage(new Collected("c" + i));
            if (steady.canHandle(event, Segment.ROOT_SEGMENT)) {
                steady.handle(event, Segment.ROOT_SEGMENT);
            }
        }
        assertThat(replayable.supportsResetCalls).isEqualTo(1);
        assertThat(liveOnly.supportsResetCalls).isEqualTo(1);

        Counting plain = new Counting(SimpleEventHandlerInvoker.builder().eventHandlers(new Replayable()).build());
        EventHandlerInvoker axons = new MultiEventHandlerInvoker(plain);
        EventMessage<?> event = GenericEventMessage.asEventMessage(new Collected("x"));
        axons.canHandle(event, Segment.ROOT_SEGMENT);
        axons.handle(event, Segment.ROOT_SEGMENT);
        assertThat(plain.supportsResetCalls).as("Axon's own invoker, for one event").isEqualTo(2);
    }

    @Test
    void answersAsAxonsInvokerDoesLiveAndInAReplay() throws Exception {
        Replayable replayable = new Replayable();
        LiveOnly liveOnly = new LiveOnly();
        MultiEventHandlerInvoker axons = new MultiEventHandlerInvoker(
                SimpleEventHandlerInvoker.builder().eventHandlers(replayable).build(),
                SimpleEventHandlerInvoker.builder().eventHandlers(liveOnly).build());
        EventHandlerInvoker steady = ProjectionsProcessor.steady(axons);

        assertThat(steady).isInstanceOf(MultiEventHandlerInvoker.class);
        List<EventHandlerInvoker> groups = ((MultiEventHandlerInvoker) steady).delegates();
        assertThat(groups).hasSize(2).allMatch(ProjectionsProcessor.Steady.class::isInstance);
        assertThat(groups).extracting(g -> ((ProjectionsProcessor.Steady) g).delegate())
                .containsExactlyElementsOf(axons.delegates());
        assertThat(groups).extracting(EventHandlerInvoker::supportsReset).containsExactly(true, false);
        assertThat(steady.supportsReset()).isEqualTo(axons.supportsReset());
        assertThat(steady.canHandleType(Collected.class)).isTrue();

        EventMessage<?> live = GenericEventMessage.asEventMessage(new Collected("live"));
        EventMessage<?> other = GenericEventMessage.asEventMessage(new Other("other"));
        assertThat(steady.canHandle(live, Segment.ROOT_SEGMENT)).isEqualTo(axons.canHandle(live, Segment.ROOT_SEGMENT))
                .isTrue();
        assertThat(steady.canHandle(other, Segment.ROOT_SEGMENT))
                .isEqualTo(axons.canHandle(other, Segment.ROOT_SEGMENT)).isFalse();
        steady.handle(live, Segment.ROOT_SEGMENT);

        GlobalSequenceTrackingToken head = new GlobalSequenceTrackingToken(10);
        EventMessage<?> replayed = new GenericTrackedEventMessage<>(
                ReplayToken.createReplayToken(head, new GlobalSequenceTrackingToken(1)),
                GenericEventMessage.asEventMessage(new Collected("replayed")));
        assertThat(ReplayToken.isReplay(replayed)).isTrue();
        steady.handle(replayed, Segment.ROOT_SEGMENT);

        assertThat(replayable.seen).containsExactly("live", "replayed");
        assertThat(liveOnly.seen).as("@DisallowReplay: live events only").containsExactly("live");
    }

    @Test
    void eachGroupIsAskedWhetherItHandlesAKindOfMessageOnceAndAnswersAsAxonDoes() throws Exception {
        Replayable replayable = new Replayable();
        Counting counting = new Counting(SimpleEventHandlerInvoker.builder().eventHandlers(replayable).build());
        EventHandlerInvoker steady = ProjectionsProcessor.steady(counting);

        for (int i = 0; i < 50; i++) {
            EventMessage<?> collected = GenericEventMessage.asEventMessage(new Collected("c" + i));
            assertThat(steady.canHandle(collected, Segment.ROOT_SEGMENT)).isTrue();
            steady.handle(collected, Segment.ROOT_SEGMENT);
            assertThat(steady.canHandle(GenericEventMessage.asEventMessage(new Other("o" + i)), Segment.ROOT_SEGMENT))
                    .isFalse();
        }
        EventMessage<?> domain = new org.axonframework.eventhandling.GenericDomainEventMessage<>("Subject", "s-1", 0,
                new Collected("domain"));
        assertThat(steady.canHandle(domain, Segment.ROOT_SEGMENT)).isTrue();
        steady.handle(domain, Segment.ROOT_SEGMENT);
        assertThat(counting.canHandleCalls).as("once per kind of message and payload type").isEqualTo(3);
        assertThat(replayable.seen).hasSize(51).endsWith("domain");

        Segment half = Segment.ROOT_SEGMENT.split()[0];
        steady.canHandle(domain, half);
        steady.canHandle(domain, half);
        assertThat(counting.canHandleCalls).as("another segment is asked of Axon every time").isEqualTo(5);
    }
}
