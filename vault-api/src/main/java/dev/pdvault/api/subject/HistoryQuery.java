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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A subject's events in order: the timeline projection's summaries, and the access events indexed by
 * {@code access_ref} (one row per access, found through the GIN index on its subjects), read from the event store
 * and cut down to this subject's tokens. Fields are named with their tokens; every value shows as
 * {@code [sealed]}, or {@code [erased]} once the subject's key for it is destroyed.
 */
@Component
public class HistoryQuery {

    public static final String SEALED = "[sealed]";
    public static final String ERASED = "[erased]";
    /** The id of the access, share, transfer or disclosure an indexed event records. */
    private static final String[] ID_KEYS = {"accessId", "shareId", "transferId", "disclosureId"};

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public HistoryQuery(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** An event of the history, in the store's global order (events of one commit share their time). */
    private record Entry(long order, String eventId, ObjectNode node) {
    }

    public List<ObjectNode> history(SubjectId subject) {
        UUID id = UUID.fromString(subject.value());
        Set<String> erased = new HashSet<>(jdbc.queryForList(
                "SELECT token FROM token_ref WHERE subject_id = ? AND status = 'ERASED'", String.class, id));
        List<Entry> entries = new ArrayList<>();
        jdbc.query("SELECT t.event_id, t.event_type, t.caller, t.occurred_at, t.summary::text, e.global_index"
                + " FROM subject_timeline t JOIN domain_event_entry e ON e.event_identifier = t.event_id"
                + " WHERE t.subject_id = ?", rs -> {
            Instant at = rs.getTimestamp(4).toInstant();
            ObjectNode node = header(rs.getString(1), rs.getString(2), rs.getString(3), at);
            node.setAll(read(rs.getString(5)));
            entries.add(new Entry(rs.getLong(6), rs.getString(1), node));
        }, id);
        jdbc.query("SELECT a.event_id::text, a.occurred_at, e.payload_type, e.payload, e.global_index FROM access_ref a"
                + " JOIN domain_event_entry e ON e.event_identifier = a.event_id::text WHERE a.subjects @> ARRAY[?::uuid]",
                rs -> {
            Instant at = rs.getTimestamp(2).toInstant();
            String type = rs.getString(3).substring(rs.getString(3).lastIndexOf('.') + 1);
            ObjectNode event = read(new String(rs.getBytes(4), StandardCharsets.UTF_8));
            ObjectNode node = header(rs.getString(1), type, event.path("caller").asText(null), at);
            for (String key : ID_KEYS) {
                if (event.hasNonNull(key)) {
                    node.put(key, event.get(key).asText());
                }
            }
            if (event.hasNonNull("purpose")) {
                node.put("purpose", event.get("purpose").asText());
            }
            for (String key : new String[]{"reason", "basis", "recipient", "fromRegion", "toRegion", "organisation",
                    "reference"}) {
                if (event.hasNonNull(key)) {
                    node.put(key, event.get(key).asText());
                }
            }
            if (event.hasNonNull("legalBasis")) {
                node.set("legalBasis", event.get("legalBasis"));
            }
            if (event.hasNonNull("successorBoundByPolicy")) {
                node.put("successorBoundByPolicy", event.get("successorBoundByPolicy").asBoolean());
            }
            if (event.has("refusedSubjects")) {
                node.put("refused", containsSubject(event.get("refusedSubjects"), subject));
            }
            ArrayNode fields = node.putArray("fields");
            for (JsonNode t : event.path("tokens")) {
                if (subject.value().equals(t.path("subjectId").asText())) {
                    fields.addObject().put("field", t.path("field").asText()).put("token", t.path("token").asText())
                            .put("category", t.path("category").asText());
                }
            }
            entries.add(new Entry(rs.getLong(5), rs.getString(1), node));
        }, id);
        entries.sort(Comparator.comparingLong(Entry::order));
        List<ObjectNode> out = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            JsonNode fields = entry.node().get("fields");
            if (fields instanceof ArrayNode array) {
                for (JsonNode f : array) {
                    String token = f.path("token").asText();
                    ((ObjectNode) f).put("value", erased.contains(token) ? ERASED : SEALED);
                }
            }
            out.add(entry.node());
        }
        return out;
    }

    /** Other subjects named by a transfer or disclosure are never shown: only whether this one was refused. */
    private static boolean containsSubject(JsonNode subjects, SubjectId subject) {
        for (JsonNode s : subjects) {
            if (subject.value().equals(s.asText())) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode header(String eventId, String type, String caller, Instant at) {
        ObjectNode node = json.createObjectNode();
        node.put("eventId", eventId);
        node.put("type", type);
        if (caller != null) {
            node.put("caller", caller);
        }
        node.put("occurredAt", at.toString());
        return node;
    }

    private ObjectNode read(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
