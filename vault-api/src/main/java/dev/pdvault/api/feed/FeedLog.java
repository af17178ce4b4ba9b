package dev.pdvault.api.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

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

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    FeedLog(FeedRouter router, JdbcTemplate jdbc, ObjectMapper json) {
        super(router);
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    protected void deliver(List<FeedMessage> messages) {
        for (FeedMessage entry : messages) {
            jdbc.update("INSERT INTO feed_entry (message_id, recipient, type, subject_id, occurred_at, body)"
                            + " VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (message_id) DO NOTHING",
                    entry.id(), entry.recipient(), entry.type().name(), UUID.fromString(entry.subjectId()),
                    Timestamp.from(entry.occurredAt()), FeedJson.text(entry));
        }
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
