package dev.pdvault.projections.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.domain.keys.api.ErasureReachedBackups;
import dev.pdvault.domain.keys.api.KekVersion;
import dev.pdvault.projections.BatchedWriter;
import dev.pdvault.projections.Projection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

/** Each erasure that reached backups, when, and which destroyed KEK versions it took: read by the receipt. */
@ProcessingGroup(BackupReachProjection.NAME)
public class BackupReachProjection implements Projection {

    public static final String NAME = "backups";
    public static final String TABLE = "erasure_backup_reach";

    private final BatchedWriter writer;
    private final ObjectMapper json;

    public BackupReachProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.writer = new BatchedWriter(jdbc);
        this.json = json;
    }

    @EventHandler
    void on(ErasureReachedBackups event) throws JsonProcessingException {
        writer.write("INSERT INTO " + TABLE + " (subject_id, erasure_id, kek_versions, reached_at)"
                        + " VALUES (?, ?, ?::jsonb, ?) ON CONFLICT DO NOTHING",
                UUID.fromString(event.subjectId().value()), UUID.fromString(event.erasureId().value()),
                json.writeValueAsString(event.kekVersionsDestroyed().stream().map(KekVersion::value).toList()),
                Timestamp.from(event.at()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table(TABLE, "subject_id, erasure_id"));
    }
}
