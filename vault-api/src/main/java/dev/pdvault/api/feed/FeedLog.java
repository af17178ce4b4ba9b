package dev.pdvault.api.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * The feed kept in PostgreSQL ({@code feed_entry}) for the HTTP feed. Written by a processor of one segment, so
 * positions are handed out and committed in event order and a cursor never skips an entry that commits late.
 */
@ProcessingGroup(FeedLog.PROCESSOR)
public class FeedLog extends RoutedEvents {

    public static final String PROCESSOR = "feed-log";

    /** One page of a recipient's feed and the cursor after it. */
    public record Page(List<JsonNode> entries, String next) {
    }

    /** The unit of work's resource holding the messages its events made so far. */
    private static final String PENDING = FeedLog.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    FeedLog(FeedRouter router, JdbcTemplate jdbc, ObjectMapper json) {
        super(router);
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Collects the event's messages in the processor's unit of work (a batch of up to 100 events) and writes all the
     * batch's messages in one statement before it commits, positions handed out in event and message order; outside
     * a unit of work, at once. A batch that rolls back writes nothing, and its redelivery writes the same message
     * ids, which the statement skips when they were written before.
     */
    @Override
    protected void deliver(List<FeedMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            insert(messages);
            return;
        }
        UnitOfWork<?> unit = CurrentUnitOfWork.get();
        List<FeedMessage> pending = unit.getOrComputeResource(PENDING, key -> {
            List<FeedMessage> batch = new ArrayList<>();
            unit.onPrepareCommit(u -> {
                insert(batch);
                batch.clear();
            });
            return batch;
        });
        pending.addAll(messages);
    }

    private void insert(List<FeedMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        int n = messages.size();
        String[] ids = new String[n];
        String[] recipients = new String[n];
        String[] types = new String[n];
        String[] subjects = new String[n];
        String[] occurred = new String[n];
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            FeedMessage entry = messages.get(i);
            ids[i] = entry.id().toString();
            recipients[i] = entry.recipient();
            types[i] = entry.type().name();
            subjects[i] = entry.subjectId();
            occurred[i] = entry.occurredAt().toString();
            bodies[i] = FeedJson.text(entry);
        }
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO feed_entry (message_id, recipient, type, subject_id, occurred_at,"
                    + " body) SELECT m::uuid, r, t, s::uuid, o::timestamptz, b::jsonb"
                    + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                    + " WITH ORDINALITY AS e(m, r, t, s, o, b, i) ORDER BY i ON CONFLICT (message_id) DO NOTHING");
            ps.setObject(1, ids);
            ps.setObject(2, recipients);
            ps.setObject(3, types);
            ps.setObject(4, subjects);
            ps.setObject(5, occurred);
            ps.setObject(6, bodies);
            return ps;
        });
    }

    Page page(String recipient, long after, int limit) {
        long[] last = {after};
        List<JsonNode> entries = jdbc.query("SELECT position, body::text FROM feed_entry WHERE recipient = ?"
                + " AND position > ? ORDER BY position LIMIT ?", (rs, row) -> {
            last[0] = rs.getLong(1);
            try {
                return json.readTree(rs.getString(2));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a stored feed entry is not JSON", e);
            }
        }, recipient, after, limit);
        return new Page(entries, Long.toString(last[0]));
    }
}
