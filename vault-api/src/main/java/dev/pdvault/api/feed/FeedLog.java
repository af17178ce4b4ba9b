package dev.pdvault.api.feed;

import dev.pdvault.domain.access.api.PersonalDataShared;
import dev.pdvault.domain.subject.api.ConsentWithdrawn;
import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.domain.subject.api.OptedOut;
import dev.pdvault.domain.subject.api.PersonalDataCollected;
import dev.pdvault.domain.subject.api.PersonalDataCorrected;
import dev.pdvault.domain.subject.api.RecipientsNotified;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

/**
 * The feed kept in PostgreSQL ({@code feed_entry}) for the HTTP feed. Written by a processor of one segment, so
 * positions are handed out and committed in event order and a cursor never skips an entry that commits late.
 */
@ProcessingGroup(FeedLog.PROCESSOR)
public class FeedLog {

    public static final String PROCESSOR = "feed-log";

    /** One page of a recipient's feed and the cursor after it. */
    public record Page(List<JsonNode> entries, String next) {
    }

    private final FeedRouter router;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    FeedLog(FeedRouter router, JdbcTemplate jdbc, ObjectMapper json) {
        this.router = router;
        this.jdbc = jdbc;
        this.json = json;
    }

    /*
     * One handler per event type the router routes, not one for every event: the processor then reads the other
     * events' types from the store and skips them without deserializing their payloads (access records are most
     * of the history).
     */
    @EventHandler
    void on(PersonalDataCollected event, EventMessage<?> message) {
        route(event, message);
    }

    @EventHandler
    void on(PersonalDataCorrected event, EventMessage<?> message) {
        route(event, message);
    }

    @EventHandler
    void on(PersonalDataShared event, EventMessage<?> message) {
        route(event, message);
    }

    @EventHandler
    void on(ConsentWithdrawn event, EventMessage<?> message) {
        route(event, message);
    }

    @EventHandler
    void on(OptedOut event, EventMessage<?> message) {
        route(event, message);
    }

    @EventHandler
    void on(DataSubjectErased event, EventMessage<?> message) {
        route(event, message);
    }

    @EventHandler
    void on(RecipientsNotified event, EventMessage<?> message) {
        route(event, message);
    }

    private void route(Object event, EventMessage<?> message) {
        for (FeedMessage entry : router.route(message.getIdentifier(), event)) {
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
