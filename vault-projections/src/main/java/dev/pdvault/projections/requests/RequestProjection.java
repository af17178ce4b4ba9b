package dev.pdvault.projections.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.request.api.AutomatedDecisionAppealed;
import dev.pdvault.domain.request.api.DecisionExplanation;
import dev.pdvault.domain.request.api.RequestDetails;
import dev.pdvault.domain.request.api.SubjectDataExported;
import dev.pdvault.domain.request.api.SubjectIdentityVerified;
import dev.pdvault.domain.request.api.SubjectRequestFulfilled;
import dev.pdvault.domain.request.api.SubjectRequestReceived;
import dev.pdvault.domain.request.api.SubjectRequestRefused;
import dev.pdvault.projections.BatchedWriter;
import dev.pdvault.projections.Projection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One row per data-subject request: its kind and details, where it is, when it is due, and how it was answered.
 * Written in the transaction of the event, so the repetition limit counts every request committed before.
 */
@ProcessingGroup(RequestProjection.NAME)
public class RequestProjection implements Projection {

    public static final String NAME = "requests";
    public static final String TABLE = "subject_request";

    private final BatchedWriter writer;
    private final ObjectMapper json;

    public RequestProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.writer = new BatchedWriter(jdbc);
        this.json = json;
    }

    @EventHandler
    void on(SubjectRequestReceived e) {
        writer.write("INSERT INTO " + TABLE + " (request_id, subject_id, kind, details, status, received_by,"
                        + " received_at, due_at) VALUES (?, ?, ?, ?::jsonb, 'RECEIVED', ?, ?, ?)",
                id(e.requestId().value()), id(e.subjectId().value()), e.kind().name(), write(details(e.details())),
                e.caller().name(), Timestamp.from(e.receivedAt()), Timestamp.from(e.dueAt()));
    }

    @EventHandler
    void on(SubjectIdentityVerified e) {
        writer.write("UPDATE " + TABLE + " SET status = 'IDENTITY_VERIFIED', verification_method = ?,"
                        + " verified_by = ?, verified_at = ? WHERE request_id = ?",
                e.method(), e.verifiedBy().name(), Timestamp.from(e.at()), id(e.requestId().value()));
    }

    @EventHandler
    void on(SubjectDataExported e) {
        writer.write("UPDATE " + TABLE + " SET tokens_exported = ? WHERE request_id = ?", e.tokensExported(),
                id(e.requestId().value()));
    }

    @EventHandler
    void on(SubjectRequestFulfilled e) {
        writer.write("UPDATE " + TABLE + " SET status = 'FULFILLED', answered_by = ?, answered_at = ?, outcome = ?,"
                        + " explanation = ?::jsonb WHERE request_id = ?",
                e.caller().name(), Timestamp.from(e.at()), e.outcome(),
                e.explanation().map(x -> write(explanation(x))).orElse(null), id(e.requestId().value()));
    }

    @EventHandler
    void on(SubjectRequestRefused e) {
        writer.write("UPDATE " + TABLE + " SET status = 'REFUSED', answered_by = ?, answered_at = ?,"
                        + " refusal_ground = ?, refusal_note = ? WHERE request_id = ?",
                e.caller().name(), Timestamp.from(e.at()), e.ground().name(), e.note(), id(e.requestId().value()));
    }

    @EventHandler
    void on(AutomatedDecisionAppealed e) {
        writer.write("UPDATE " + TABLE + " SET appealed_at = ? WHERE request_id = ?", Timestamp.from(e.at()),
                id(e.requestId().value()));
    }

    /** The details as the table and the timeline show them: names and references only. */
    public static Map<String, Object> details(RequestDetails details) {
        Map<String, Object> out = new LinkedHashMap<>();
        details.deletionGround().ifPresent(g -> out.put("deletionGround", g.name()));
        details.consent().ifPresent(s -> {
            out.put("purpose", s.purpose().name());
            s.category().map(Category::name).ifPresent(c -> out.put("category", c));
        });
        details.decisionReference().ifPresent(r -> out.put("decisionReference", r));
        return out;
    }

    public static Map<String, Object> explanation(DecisionExplanation explanation) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inputs", explanation.inputs());
        out.put("explanation", explanation.explanation());
        return out;
    }

    private static UUID id(String value) {
        return UUID.fromString(value);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request's details", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table(TABLE, "request_id"));
    }
}
