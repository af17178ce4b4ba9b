package dev.pdvault.projections.consents;

import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.publication.api.PolicyVersionPublished;
import dev.pdvault.domain.subject.api.ConsentGranted;
import dev.pdvault.domain.subject.api.ConsentWithdrawn;
import dev.pdvault.domain.subject.api.OptedBackIn;
import dev.pdvault.domain.subject.api.OptedOut;
import dev.pdvault.projections.BatchedWriter;
import dev.pdvault.projections.Projection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

/**
 * The consents in force, the opt-outs and the published policy versions: what an access decision needs to
 * know about a subject besides its data. Written in the transaction of the event, so a withdrawal is seen by
 * every access that starts after it commits.
 */
@ProcessingGroup(ConsentProjection.NAME)
public class ConsentProjection implements Projection {

    public static final String NAME = "consents";
    public static final String CONSENTS = "subject_consent";
    public static final String OPT_OUTS = "subject_opt_out";
    public static final String VERSIONS = "policy_version";

    private final BatchedWriter writer;

    public ConsentProjection(JdbcTemplate jdbc) {
        this.writer = new BatchedWriter(jdbc);
    }

    @EventHandler
    void on(ConsentGranted event) {
        writer.write("INSERT INTO " + CONSENTS + " (subject_id, purpose, category, in_force, policy_version,"
                        + " guardian_collection, granted_at) VALUES (?, ?, ?, TRUE, ?, ?, ?)"
                        + " ON CONFLICT (subject_id, purpose, category) DO UPDATE SET in_force = TRUE,"
                        + " policy_version = EXCLUDED.policy_version, guardian_collection = EXCLUDED.guardian_collection,"
                        + " granted_at = EXCLUDED.granted_at, withdrawn_at = NULL",
                UUID.fromString(event.subjectId().value()), event.scope().purpose().name(),
                event.scope().category().map(Category::name).orElse(""), event.policyVersion(),
                event.guardianRecord().map(c -> UUID.fromString(c.value())).orElse(null), Timestamp.from(event.at()));
    }

    @EventHandler
    void on(ConsentWithdrawn event) {
        writer.write("UPDATE " + CONSENTS + " SET in_force = FALSE, withdrawn_at = ?"
                        + " WHERE subject_id = ? AND purpose = ? AND category = ?",
                Timestamp.from(event.at()), UUID.fromString(event.subjectId().value()),
                event.scope().purpose().name(), event.scope().category().map(Category::name).orElse(""));
    }

    @EventHandler
    void on(OptedOut event) {
        writer.write("INSERT INTO " + OPT_OUTS + " (subject_id, opt_out, opted_out_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                UUID.fromString(event.subjectId().value()), event.optOut().name(), Timestamp.from(event.at()));
    }

    @EventHandler
    void on(OptedBackIn event) {
        writer.write("DELETE FROM " + OPT_OUTS + " WHERE subject_id = ? AND opt_out = ?",
                UUID.fromString(event.subjectId().value()), event.optOut().name());
    }

    @EventHandler
    void on(PolicyVersionPublished event) {
        writer.write("INSERT INTO " + VERSIONS + " (number, label, major, affected_purposes, summary, published_by,"
                        + " published_at) VALUES (?, ?, ?, string_to_array(?, ','), ?, ?, ?)",
                event.number(), event.label(), event.major(),
                String.join(",", event.affectedPurposes().stream().map(Purpose::name).sorted().toList()),
                event.summary(), event.caller().name(), Timestamp.from(event.at()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table(CONSENTS, "subject_id, purpose, category"), new Table(OPT_OUTS, "subject_id, opt_out"),
                new Table(VERSIONS, "number"));
    }
}
