package dev.pdvault.api.replay;

import dev.pdvault.projections.BulkLoad;
import dev.pdvault.projections.Projection;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Drops every projection and rebuilds it from the first event. Runs in one transaction that holds the
 * projection tables exclusively, so live writers wait rather than interleave, and a failed rebuild leaves the
 * old projections untouched. Erased subjects replay like any other: their events still exist, their sealed
 * values go into the projections (unreadable, keys destroyed) until the tombstone marks them erased.
 * The history is read and deserialized on a second thread ({@link ReadAhead}) while this one applies it; the
 * projections' inserts are bulk loaded ({@link BulkCopy}), into tables whose indexes are built at the end.
 */
@Component
public class ProjectionRebuilder {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);

    public record Progress(long events, long handled, long millis) {
    }

    private final DataSource dataSource;
    private final EventSchema schema;
    private final Serializer serializer;
    private final org.axonframework.config.Configuration axon;
    private final List<Projection> projections;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AtomicLong replayed;

    public ProjectionRebuilder(DataSource dataSource, EventSchema schema, @Qualifier("eventSerializer") Serializer serializer,
                               org.axonframework.config.Configuration axon, List<Projection> projections,
                               JdbcTemplate jdbc, TransactionTemplate transactions, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.serializer = serializer;
        this.axon = axon;
        this.projections = projections;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.replayed = meters.gauge("vault.replay.events", new AtomicLong());
    }

    public Progress rebuildAll() {
        EventHistory history = new EventHistory(dataSource, schema, serializer, axon.upcasterChain());
        Progress result = replay(history, projections, jdbc, transactions, replayed::set);
        log.info("Replayed {} events into {} projections in {} ms", result.events(), projections.size(),
                result.millis());
        return result;
    }

    /**
     * Truncates the projections' tables and replays every event of {@code history} into {@code projections},
     * in one transaction of {@code transactions}. The projections must write through {@code jdbc}'s database;
     * the history may be another one (a copy of the event store in a fresh database replays the same way).
     * {@code progress} is told the number of events read so far.
     */
    public static Progress replay(EventHistory history, List<Projection> projections, JdbcTemplate jdbc,
                                  TransactionTemplate transactions, LongConsumer progress) {
        long start = System.nanoTime();
        List<AnnotationEventHandlerAdapter> handlers = projections.stream()
                .map(AnnotationEventHandlerAdapter::new).toList();
        return transactions.execute(status -> {
            String tables = String.join(", ", projections.stream().flatMap(p -> p.tables().stream())
                    .map(Projection.Table::name).toList());
            jdbc.execute("TRUNCATE " + tables);
            BulkCopy bulk = BulkCopy.start(jdbc, projections.stream()
                    .flatMap(p -> p.bulkLoadedTables().stream()).toList());
            progress.accept(0);
            long events = 0;
            long handled = 0;
            // started after the TRUNCATE holds the tables: an event committed later cannot have rows it truncated
            try (ReadAhead reader = new ReadAhead(history, handlers)) {
                for (ReadAhead.Batch batch = reader.next(); batch != null; batch = reader.next()) {
                    handled += apply(batch, handlers, bulk);
                    long before = events;
                    events += batch.read();
                    progress.accept(events);
                    if (events / 100_000 > before / 100_000) {
                        log.info("Replay: {} events", events);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("replay interrupted", e);
            } catch (Exception e) {
                throw new IllegalStateException("replay failed", e);
            }
            bulk.finish();
            return new Progress(events, handled, (System.nanoTime() - start) / 1_000_000);
        });
    }

    /**
     * One unit of work per batch, whose projection writes are flushed when it commits: inserts by {@code COPY}
     * ({@code bulk}), everything else as batched statements.
     */
    private static long apply(ReadAhead.Batch batch, List<AnnotationEventHandlerAdapter> handlers, BulkLoad bulk)
            throws Exception {
        if (batch.handled().isEmpty()) {
            return 0;
        }
        long handled = 0;
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(batch.handled().get(0).event());
        unit.resources().put(BulkLoad.RESOURCE, bulk);
        try {
            for (ReadAhead.Handled event : batch.handled()) {
                for (int i = 0; i < handlers.size(); i++) {
                    if ((event.handlers() & (1L << i)) != 0) {
                        handlers.get(i).handle(event.event());
                        handled++;
                    }
                }
            }
        } catch (Exception e) {
            unit.rollback(e);
            throw e;
        }
        unit.commit();
        return handled;
    }
}
