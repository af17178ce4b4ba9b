package dev.pdvault.projections.tokens;

import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.domain.subject.api.DataSubjectRegistered;
import dev.pdvault.domain.subject.api.PersonalDataCollected;
import dev.pdvault.domain.subject.api.PersonalDataCorrected;
import dev.pdvault.domain.subject.api.SealedField;
import dev.pdvault.projections.BatchedWriter;
import dev.pdvault.projections.Projection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Token to where its value is: subject, category, field, collection purpose, key class and the sealed
 * value. Updated in the same transaction as the events (a subscribing processor), so a token is usable as
 * soon as its collection is acknowledged. After erasure the sealed value is dropped and the row says so.
 */
@ProcessingGroup(TokenProjection.NAME)
public class TokenProjection implements Projection {

    public static final String NAME = "tokens";
    public static final String TABLE = "token_ref";

    private final BatchedWriter writer;

    public TokenProjection(JdbcTemplate jdbc) {
        this.writer = new BatchedWriter(jdbc);
    }

    @EventHandler
    void on(DataSubjectRegistered event) {
        event.birthDate().ifPresent(f -> insert(List.<Object[]>of(row(event.subjectId().value(), DataSubjectRegistered.BIRTH_DATE_CATEGORY,
                DataSubjectRegistered.BIRTH_DATE_PURPOSE,
                event.birthDateKeyClass().name(), f, event.at()))));
    }

    @EventHandler
    void on(PersonalDataCollected event) {
        List<Object[]> rows = new ArrayList<>(event.fields().size());
        for (SealedField f : event.fields()) {
            rows.add(row(event.subjectId().value(), event.category().name(), event.purpose().name(),
                    event.keyClass().name(), f, event.at()));
        }
        insert(rows);
    }

    private static Object[] row(String subject, String category, String purpose, String keyClass, SealedField f,
                                java.time.Instant at) {
        return new Object[]{f.token().value(), java.util.UUID.fromString(subject), category, f.field(), purpose,
                keyClass, f.sealed().bytes(), "ACTIVE", Timestamp.from(at)};
    }

    private static final BatchedWriter.Insert INSERT = BatchedWriter.Insert.into(TABLE, "token", "subject_id",
            "category", "field", "purpose", "key_class", "sealed", "status", "collected_at");

    private void insert(List<Object[]> rows) {
        writer.insert(INSERT, rows);
    }

    @EventHandler
    void on(PersonalDataCorrected event) {
        writer.writeTo(TABLE, "UPDATE " + TABLE + " SET sealed = ?, corrected_at = ? WHERE token = ? AND status = 'ACTIVE'",
                event.corrected().bytes(), Timestamp.from(event.at()), event.token().value());
    }

    @EventHandler
    void on(DataSubjectErased event) {
        String retained = event.retained().stream().map(r -> r.keyClass().name()).sorted()
                .collect(java.util.stream.Collectors.joining(","));
        writer.writeTo(TABLE, "UPDATE " + TABLE + " SET sealed = NULL, status = 'ERASED', erased_at = ? WHERE subject_id = ?"
                        + " AND key_class <> ALL(string_to_array(?, ','))",
                Timestamp.from(event.at()), java.util.UUID.fromString(event.subjectId().value()), retained);
    }

    /** Retained data whose deadline passed: its tokens are erased now. */
    @EventHandler
    void on(dev.pdvault.domain.subject.api.RetainedDataShredded event) {
        String classes = event.destroyedKeys().stream().map(k -> k.keyClass().name()).sorted()
                .collect(java.util.stream.Collectors.joining(","));
        writer.writeTo(TABLE, "UPDATE " + TABLE + " SET sealed = NULL, status = 'ERASED', erased_at = ? WHERE subject_id = ?"
                        + " AND key_class = ANY(string_to_array(?, ','))",
                Timestamp.from(event.at()), java.util.UUID.fromString(event.subjectId().value()), classes);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table(TABLE, "token"));
    }

    /**
     * Inserted into by collections; a correction or an erasure updates rows by token or by subject, so a rebuild
     * gives the table its indexes back at the first of those and loads the rest through them.
     */
    @Override
    public List<String> bulkLoadedTables() {
        return List.of(TABLE);
    }
}
