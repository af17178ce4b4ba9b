package dev.pdvault.projections.subjects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.domain.subject.api.DataSubjectRegistered;
import dev.pdvault.domain.subject.api.DestroyedKey;
import dev.pdvault.domain.subject.api.ErasureRequested;
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

    private final BatchedWriter writer;
    private final ObjectMapper json;

    public SubjectProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.writer = new BatchedWriter(jdbc);
        this.json = json;
    }

    @EventHandler
    void on(DataSubjectRegistered event) {
        writer.write("INSERT INTO " + TABLE + " (subject_id, region, age_band, status, registered_at)"
                        + " VALUES (?, ?, ?, 'ACTIVE', ?)",
                UUID.fromString(event.subjectId().value()), event.region().code(), event.ageBand().name(),
                Timestamp.from(event.at()));
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
        writer.write("UPDATE " + TABLE + " SET status = 'ERASED', erased_at = ?, destroyed_keys = ?::jsonb"
                        + " WHERE subject_id = ?",
                Timestamp.from(event.at()), toJson(event.destroyedKeys()),
                UUID.fromString(event.subjectId().value()));
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
        return List.of(new Table(TABLE, "subject_id"));
    }
}
