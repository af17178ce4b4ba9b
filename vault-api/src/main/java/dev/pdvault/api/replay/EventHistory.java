package dev.pdvault.api.replay;

import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.postgresql.PGStatement;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every event of an event store in {@code global_index} order, read with one server-side cursor: one statement
 * sees one snapshot, so a replay needs none of the gap tracking a live tracking processor does, and pays one
 * round trip per thousands of rows instead of Axon's gap-aware batches of 100. Each row becomes the message Axon's
 * {@code JdbcEventStorageEngine} makes of it (the same columns, serializer and upcaster chain), so the projections'
 * handlers see what they would see on the live path.
 */
public final class EventHistory {

    /** Rows fetched per round trip of the cursor, and messages per batch handed to the consumer. */
    static final int BATCH = 2_000;

    private final DataSource dataSource;
    private final EventSchema schema;
    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public EventHistory(DataSource dataSource, EventSchema schema, Serializer serializer, EventUpcaster upcasters) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.serializer = serializer;
        this.upcasters = upcasters;
    }

    /**
     * Reads every event, upcast and not yet deserialized, in batches of at most {@link #BATCH} in the store's
     * order. Reads on a connection of its own, in a read-only transaction of its own; a rebuild starts it after
     * it holds the projection tables, so no event it misses can have projection rows the rebuild truncated.
     */
    public void read(Consumer<List<TrackedEventMessage<?>>> batches) {
        String sql = "SELECT " + String.join(", ", schema.globalIndexColumn(), schema.typeColumn(),
                schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn(), schema.eventIdentifierColumn(),
                schema.timestampColumn(), schema.payloadTypeColumn(), schema.payloadRevisionColumn(),
                schema.payloadColumn(), schema.metaDataColumn())
                + " FROM " + schema.domainEventTable() + " ORDER BY " + schema.globalIndexColumn();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(BATCH);
                // binary results from the first execution: bytea as text is hex, twice the bytes, decoded by hand
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                try (ResultSet rows = statement.executeQuery()) {
                    List<TrackedEventData<?>> batch = new ArrayList<>(BATCH);
                    while (rows.next()) {
                        batch.add(row(rows));
                        if (batch.size() == BATCH) {
                            batches.accept(messages(batch));
                            batch.clear();
                        }
                    }
                    if (!batch.isEmpty()) {
                        batches.accept(messages(batch));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store", e);
        }
    }

    private List<TrackedEventMessage<?>> messages(List<TrackedEventData<?>> batch) {
        return EventUtils.upcastAndDeserializeTrackedEvents(batch.stream(), serializer, upcasters).toList();
    }

    /** As {@code JdbcEventStorageEngine.getTrackedEventData}, with the global index as the token. */
    private TrackedEventData<?> row(ResultSet rows) throws SQLException {
        String type = rows.getString(2);
        String aggregate = rows.getString(3);
        String eventId = rows.getString(5);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(type,
                eventId.equals(aggregate) ? null : aggregate, rows.getLong(4), eventId, rows.getString(6),
                rows.getString(7), rows.getString(8), rows.getBytes(9), rows.getBytes(10));
        return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(rows.getLong(1)), entry);
    }
}
