package dev.pdvault.projections.credentials;

import dev.pdvault.domain.credential.api.PasswordSet;
import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.projections.BatchedWriter;
import dev.pdvault.projections.Projection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

/**
 * Each subject's current password hash, sealed as it came in the event, where verification reads it. Deliberately
 * not in {@code token_ref}: a password hash has no token, so no detokenization can ever return it. After erasure
 * the sealed hash is dropped and the row says so.
 *
 * <p>A password set inserts the row if the credential has none (a second insert in the same batch does
 * nothing), then replaces the hash of a live row: two statements rather than an upsert, so that a replay
 * batching a set and a change of the same credential into one multi-row statement cannot fail.
 */
@ProcessingGroup(CredentialProjection.NAME)
public class CredentialProjection implements Projection {

    public static final String NAME = "credentials";
    public static final String TABLE = "credential_ref";

    private static final String INSERT = "INSERT INTO " + TABLE + " (credential_id, subject_id, sealed, status,"
            + " first_set_at, last_set_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?) ON CONFLICT DO NOTHING";
    private static final String REPLACE = "UPDATE " + TABLE + " SET sealed = ?, last_set_at = ?"
            + " WHERE credential_id = ? AND status = 'ACTIVE'";

    private final BatchedWriter writer;

    public CredentialProjection(JdbcTemplate jdbc) {
        this.writer = new BatchedWriter(jdbc);
    }

    @EventHandler
    void on(PasswordSet event) {
        Timestamp at = Timestamp.from(event.at());
        writer.write(INSERT, event.credentialId().value(), UUID.fromString(event.subjectId().value()),
                event.sealedHash().bytes(), at, at);
        writer.write(REPLACE, event.sealedHash().bytes(), at, event.credentialId().value());
    }

    @EventHandler
    void on(DataSubjectErased event) {
        writer.write("UPDATE " + TABLE + " SET sealed = NULL, status = 'ERASED', erased_at = ? WHERE subject_id = ?",
                Timestamp.from(event.at()), UUID.fromString(event.subjectId().value()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table(TABLE, "credential_id"));
    }
}
