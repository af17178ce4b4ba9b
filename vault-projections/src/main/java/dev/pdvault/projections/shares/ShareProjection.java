package dev.pdvault.projections.shares;

import dev.pdvault.domain.access.api.PersonalDataShared;
import dev.pdvault.projections.BatchedWriter;
import dev.pdvault.projections.Projection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

/**
 * The tokens each recipient received, for each purpose: what a recipient's identity may detokenize, and whom
 * to tell when a subject is erased or withdraws consent.
 */
@ProcessingGroup(ShareProjection.NAME)
public class ShareProjection implements Projection {

    public static final String NAME = "shares";
    public static final String TABLE = "share_grant";

    private final BatchedWriter writer;

    public ShareProjection(JdbcTemplate jdbc) {
        this.writer = new BatchedWriter(jdbc);
    }

    @EventHandler
    void on(PersonalDataShared event) {
        UUID share = UUID.fromString(event.shareId().value());
        Timestamp at = Timestamp.from(event.at());
        writer.write("INSERT INTO " + TABLE + " (recipient, token, purpose, share_id, subject_id, shared_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.tokens().stream().map(t -> new Object[]{event.recipient().name(), t.token().value(),
                        event.purpose().name(), share, UUID.fromString(t.subjectId().value()), at}).toList());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table(TABLE, "recipient, token, purpose"));
    }
}
