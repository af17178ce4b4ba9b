package dev.pdvault.api.subject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdvault.domain.subject.api.SubjectId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A subject's events in order, from the timeline projection. Fields are named with their tokens; every value
 * shows as {@code [sealed]}, or {@code [erased]} once the subject's key for it is destroyed.
 */
@Component
public class HistoryQuery {

    public static final String SEALED = "[sealed]";
    public static final String ERASED = "[erased]";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public HistoryQuery(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<ObjectNode> history(SubjectId subject) {
        UUID id = UUID.fromString(subject.value());
        Set<String> erased = new HashSet<>(jdbc.queryForList(
                "SELECT token FROM token_ref WHERE subject_id = ? AND status = 'ERASED'", String.class, id));
        List<ObjectNode> out = new ArrayList<>();
        jdbc.query("SELECT event_id, event_type, caller, occurred_at, summary::text FROM subject_timeline"
                + " WHERE subject_id = ? ORDER BY occurred_at, event_id", rs -> {
            ObjectNode node = json.createObjectNode();
            node.put("eventId", rs.getString(1));
            node.put("type", rs.getString(2));
            if (rs.getString(3) != null) {
                node.put("caller", rs.getString(3));
            }
            node.put("occurredAt", rs.getTimestamp(4).toInstant().toString());
            try {
                ObjectNode summary = (ObjectNode) json.readTree(rs.getString(5));
                JsonNode fields = summary.get("fields");
                if (fields instanceof ArrayNode array) {
                    for (JsonNode f : array) {
                        String token = f.path("token").asText();
                        ((ObjectNode) f).put("value", erased.contains(token) ? ERASED : SEALED);
                    }
                }
                node.setAll(summary);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(node);
        }, id);
        return out;
    }
}
