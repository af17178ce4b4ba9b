package dev.pdvault.api.replay;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads the history on a thread of its own, one batch ahead of the replay: it reads the rows, finds which
 * handlers take each event and deserializes only those events, so the replaying thread does nothing but apply
 * them, in order, while the next batch is read on the other core. Events no handler takes are counted and never
 * deserialized.
 */
final class ReadAhead implements AutoCloseable {

    /** An event and the handlers (by their index in the list given) that take it. */
    record Handled(EventMessage<?> event, long handlers) {
    }

    /** The events of one batch read, of which {@code handled} are taken by some handler. */
    record Batch(int read, List<Handled> handled) {
    }

    private static final Batch END = new Batch(0, List.of());
    private static final int BATCHES_AHEAD = 4;

    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final List<AnnotationEventHandlerAdapter> handlers;
    /** By payload type, the handlers that take some payload of that type: the only ones asked about each event. */
    private final Map<Class<?>, Long> candidates = new HashMap<>();
    private final Thread reader;
    private volatile RuntimeException failure;

    ReadAhead(EventHistory history, List<AnnotationEventHandlerAdapter> handlers) {
        if (handlers.size() > Long.SIZE) {
            throw new IllegalArgumentException("at most " + Long.SIZE + " handlers");
        }
        this.handlers = handlers;
        this.reader = new Thread(() -> read(history), "replay-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** The next batch in the store's order, or null after the last. */
    Batch next() throws InterruptedException {
        Batch batch = batches.take();
        if (batch == END) {
            if (failure != null) {
                throw failure;
            }
            return null;
        }
        return batch;
    }

    private void read(EventHistory history) {
        try {
            history.read(messages -> {
                try {
                    batches.put(prepare(messages));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("replay stopped");
                }
            });
        } catch (Throwable e) {
            failure = e instanceof RuntimeException r ? r : new IllegalStateException("cannot read the history", e);
        } finally {
            if (!Thread.currentThread().isInterrupted()) {
                try {
                    batches.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private Batch prepare(List<TrackedEventMessage<?>> messages) {
        List<Handled> handled = new ArrayList<>(messages.size());
        for (TrackedEventMessage<?> message : messages) {
            long possible = candidates(message.getPayloadType());
            long mask = 0;
            for (int i = 0; possible != 0 && i < handlers.size(); i++) {
                if ((possible & (1L << i)) != 0 && handlers.get(i).canHandle(message)) {
                    mask |= 1L << i;
                }
            }
            if (mask != 0) {
                message.getPayload();
                handled.add(new Handled(message, mask));
            }
        }
        return new Batch(messages.size(), handled);
    }

    private long candidates(Class<?> payloadType) {
        return candidates.computeIfAbsent(payloadType, type -> {
            long mask = 0;
            for (int i = 0; i < handlers.size(); i++) {
                if (handlers.get(i).canHandleType(type)) {
                    mask |= 1L << i;
                }
            }
            return mask;
        });
    }

    /** Stops the reader if the replay ends early (a handler failed), and waits for it to let go of its connection. */
    @Override
    public void close() throws InterruptedException {
        reader.interrupt();
        reader.join();
    }
}
