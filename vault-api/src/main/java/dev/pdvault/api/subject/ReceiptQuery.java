package dev.pdvault.api.subject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.subject.api.DestroyedKey;
import dev.pdvault.domain.subject.api.SubjectId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads erasure receipts from the subject projection. */
@Component
public class ReceiptQuery {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ReceiptQuery(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<ErasureReceipt> find(SubjectId subject) {
        UUID id = UUID.fromString(subject.value());
        return jdbc.query("SELECT erasure_id, erasure_requested_at, erased_at, destroyed_keys::text FROM subject_view"
                        + " WHERE subject_id = ? AND erasure_id IS NOT NULL",
                (rs, i) -> {
                    List<DestroyedKey> keys = parse(rs.getString(4));
                    List<String> keksInUse = jdbc.queryForList("SELECT DISTINCT w.kek_version FROM data_key_wrap w"
                            + " JOIN data_key k ON k.subject_id = w.subject_id AND k.key_class = w.key_class"
                            + " LEFT JOIN kek_version v ON v.version = w.kek_version WHERE w.subject_id = ?"
                            + " AND k.wrapped IS NULL AND v.state IS DISTINCT FROM 'DESTROYED' ORDER BY 1",
                            String.class, id);
                    Instant reachedBackups = jdbc.query("SELECT reached_at FROM erasure_backup_reach"
                            + " WHERE subject_id = ? AND erasure_id = ?::uuid", r -> r.next()
                            ? r.getTimestamp(1).toInstant() : null, id, rs.getString(1));
                    Instant erased = rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant();
                    List<ErasureReceipt.Retained> retained = jdbc.query("SELECT key_class, until, shredded_at"
                            + " FROM retention WHERE subject_id = ? ORDER BY key_class", (r, j) ->
                            new ErasureReceipt.Retained(r.getString(1), instant(r.getTimestamp(2)),
                                    instant(r.getTimestamp(3))), id);
                    List<ErasureReceipt.Hold> holds = jdbc.query("SELECT hold_id::text, reference, placed_at"
                            + " FROM legal_hold WHERE subject_id = ? AND released_at IS NULL ORDER BY placed_at",
                            (r, j) -> new ErasureReceipt.Hold(r.getString(1), r.getString(2),
                                    r.getTimestamp(3).toInstant()), id);
                    List<ErasureReceipt.Notified> notified = jdbc.query("SELECT recipient, notice, notified_at"
                            + " FROM recipient_notice WHERE subject_id = ? AND notice = 'ERASURE' ORDER BY recipient",
                            (r, j) -> new ErasureReceipt.Notified(r.getString(1), r.getString(2),
                                    r.getTimestamp(3).toInstant()), id);
                    boolean pendingRetention = retained.stream().anyMatch(r -> r.shreddedAt() == null);
                    String status = erased == null ? (holds.isEmpty() ? "REQUESTED" : "HELD")
                            : pendingRetention ? "ERASED_RETAINING" : "ERASED";
                    return new ErasureReceipt(subject.value(), rs.getString(1), status,
                            rs.getTimestamp(2).toInstant(), erased, keys, retained, holds, notified, keksInUse,
                            erased != null && !pendingRetention && reachedBackups != null, reachedBackups);
                }, id).stream().findFirst();
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private List<DestroyedKey> parse(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            List<Map<String, Object>> raw = json.readValue(text, new TypeReference<>() {
            });
            return raw.stream().map(m -> new DestroyedKey(new KeyClass((String) m.get("keyClass")),
                    ((Number) m.get("keyVersion")).longValue(), (String) m.get("kekVersion"),
                    Instant.parse((String) m.get("destroyedAt")))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
