package dev.pdvault.api.replay;

import dev.pdvault.projections.Projection;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Drops every projection and rebuilds it from the first event. Runs in one transaction that holds the
 * projection tables exclusively, so live writers wait rather than interleave, and a failed rebuild leaves the
 * old projections untouched. Erased subjects replay like any other: their events still exist, their sealed
 * values go into the projections (unreadable, keys destroyed) until the tombstone marks them erased.
 */
@Component
public class ProjectionRebuilder {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);

    /** Events handled per unit of work, whose projection writes are flushed as batched statements. */
    private static final int CHUNK = 1_000;

    public record Progress(long events, long handled, long millis) {
    }

    private final EventStorageEngine storage;
    private final List<Projection> projections;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AtomicLong replayed;

    public ProjectionRebuilder(EventStorageEngine storage, List<Projection> projections, JdbcTemplate jdbc,
                               TransactionTemplate transactions, MeterRegistry meters) {
        this.storage = storage;
        this.projections = projections;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.replayed = meters.gauge("vault.replay.events", new AtomicLong());
    }

    public Progress rebuildAll() {
        Progress result = replay(storage, projections, jdbc, transactions, replayed::set);
        log.info("Replayed {} events into {} projections in {} ms", result.events(), projections.size(),
                result.millis());
        return result;
    }

    /**
     * Truncates the projections' tables and replays every event of {@code storage} into {@code projections},
     * in one transaction of {@code transactions}. The projections must write through {@code jdbc}'s database;
     * the store may be another one (a copy of the event store in a fresh database replays the same way).
     * {@code progress} is told the number of events read so far.
     */
    public static Progress replay(EventStorageEngine storage, List<Projection> projections, JdbcTemplate jdbc,
                                  TransactionTemplate transactions, LongConsumer progress) {
        long start = System.nanoTime();
        List<AnnotationEventHandlerAdapter> handlers = projections.stream()
                .map(AnnotationEventHandlerAdapter::new).toList();
        return transactions.execute(status -> {
            String tables = String.join(", ", projections.stream().flatMap(p -> p.tables().stream())
                    .map(Projection.Table::name).toList());
            jdbc.execute("TRUNCATE " + tables);
            long events = 0;
            long handled = 0;
            progress.accept(0);
            UnitOfWork<?> chunk = null;
            try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(null, false)) {
                for (var it = stream.iterator(); it.hasNext(); ) {
                    EventMessage<?> event = it.next();
                    if (chunk == null) {
                        chunk = DefaultUnitOfWork.startAndGet(event);
                    }
                    events++;
                    for (AnnotationEventHandlerAdapter handler : handlers) {
                        if (handler.canHandle(event)) {
                            handler.handle(event);
                            handled++;
                        }
                    }
                    if (events % CHUNK == 0) {
                        chunk.commit();
                        chunk = null;
                    }
                    if (events % 10_000 == 0) {
                        progress.accept(events);
                        log.info("Replay: {} events", events);
                    }
                }
                if (chunk != null) {
                    chunk.commit();
                    chunk = null;
                }
            } catch (Exception e) {
                if (chunk != null && chunk.isActive()) {
                    chunk.rollback(e);
                }
                throw new IllegalStateException("replay failed", e);
            }
            progress.accept(events);
            return new Progress(events, handled, (System.nanoTime() - start) / 1_000_000);
        });
    }
}
