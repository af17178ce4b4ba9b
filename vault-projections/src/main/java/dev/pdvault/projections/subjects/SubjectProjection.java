package dev.pdvault.projections.subjects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.domain.subject.api.DataSubjectRegistered;
import dev.pdvault.domain.subject.api.DestroyedKey;
import dev.pdvault.domain.subject.api.ErasureRequested;
import dev.pdvault.domain.subject.api.LegalHoldPlaced;
import dev.pdvault.domain.subject.api.LegalHoldReleased;
import dev.pdvault.domain.subject.api.RecipientsNotified;
import dev.pdvault.domain.subject.api.RetainedDataShredded;
import org.axonframework.messaging.annotation.MessageIdentifier;
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
 * Each subject's region, age band and status, and the receipt of its erasure. The API reads it to find
 * erasures that were requested but not finished (after a crash) and to answer receipt requests.
 */
@ProcessingGroup(SubjectProjection.NAME)
public class SubjectProjection implements Projection {

    public static final String NAME = "subjects";
    public static final String TABLE = "subject_view";
    public static final String RETENTION = "retention";
    public static final String HOLDS = "legal_hold";
    public static final String NOTICES = "recipient_notice";

    private static final BatchedWriter.Insert REGISTER = BatchedWriter.Insert.into(TABLE, "subject_id", "region",
            "age_band", "status", "registered_at");

    private final BatchedWriter writer;
    private final ObjectMapper json;

    public SubjectProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.writer = new BatchedWriter(jdbc);
        this.json = json;
    }

    @EventHandler
    void on(DataSubjectRegistered event) {
        writer.insert(REGISTER, UUID.fromString(event.subjectId().value()), event.region().code(),
                event.ageBand().name(), "ACTIVE", Timestamp.from(event.at()));
    }

    @EventHandler
    void on(ErasureRequested event) {
        writer.write("UPDATE " + TABLE + " SET status = 'ERASURE_REQUESTED', erasure_id = ?, erasure_requested_at = ?"
                        + " WHERE subject_id = ?",
                UUID.fromString(event.erasureId().value()), Timestamp.from(event.at()),
                UUID.fromString(event.subjectId().value()));
    }

    @EventHandler
    void on(DataSubjectErased event) {
        UUID subject = UUID.fromString(event.subjectId().value());
        writer.write("UPDATE " + TABLE + " SET status = 'ERASED', erased_at = ?, destroyed_keys = ?::jsonb"
                        + " WHERE subject_id = ?",
                Timestamp.from(event.at()), toJson(event.destroyedKeys()), subject);
        writer.write("INSERT INTO " + RETENTION + " (subject_id, key_class, until) VALUES (?, ?, ?)",
                event.retained().stream().map(r -> new Object[]{subject, r.keyClass().name(),
                        r.until().map(Timestamp::from).orElse(null)}).toList());
    }

    @EventHandler
    void on(RetainedDataShredded event) {
        UUID subject = UUID.fromString(event.subjectId().value());
        writer.write("UPDATE " + TABLE + " SET destroyed_keys = COALESCE(destroyed_keys, '[]'::jsonb) || ?::jsonb"
                + " WHERE subject_id = ?", toJson(event.destroyedKeys()), subject);
        writer.write("UPDATE " + RETENTION + " SET shredded_at = ? WHERE subject_id = ? AND key_class = ?",
                event.destroyedKeys().stream().map(k -> new Object[]{Timestamp.from(event.at()), subject,
                        k.keyClass().name()}).toList());
    }

    @EventHandler
    void on(LegalHoldPlaced event) {
        writer.write("INSERT INTO " + HOLDS + " (subject_id, hold_id, reference, placed_by, placed_at)"
                        + " VALUES (?, ?, ?, ?, ?)", UUID.fromString(event.subjectId().value()),
                UUID.fromString(event.holdId().value()), event.reference(), event.caller().name(),
                Timestamp.from(event.at()));
    }

    @EventHandler
    void on(LegalHoldReleased event) {
        writer.write("UPDATE " + HOLDS + " SET released_by = ?, released_at = ? WHERE subject_id = ? AND hold_id = ?",
                event.caller().name(), Timestamp.from(event.at()), UUID.fromString(event.subjectId().value()),
                UUID.fromString(event.holdId().value()));
    }

    @EventHandler
    void on(RecipientsNotified event, @MessageIdentifier String eventId) {
        UUID subject = UUID.fromString(event.subjectId().value());
        writer.write("INSERT INTO " + NOTICES + " (subject_id, notice, recipient, reference, event_id, notified_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                event.recipients().stream().map(r -> new Object[]{subject, event.notice().name(), r.name(),
                        event.reference(), eventId, Timestamp.from(event.at())}).toList());
    }

    private String toJson(List<DestroyedKey> keys) {
        List<Map<String, Object>> out = keys.stream().map(k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("keyClass", k.keyClass().name());
            m.put("keyVersion", k.keyVersion());
            m.put("kekVersion", k.kekVersion());
            m.put("destroyedAt", k.destroyedAt().toString());
            return m;
        }).toList();
        try {
            return json.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a receipt", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table(TABLE, "subject_id"), new Table(RETENTION, "subject_id, key_class"),
                new Table(HOLDS, "subject_id, hold_id"), new Table(NOTICES, "event_id, recipient"));
    }
}
