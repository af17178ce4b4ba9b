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
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * The subject's erasure receipt, read in one statement: the subject's row, and each list the receipt names as
     * parallel arrays in one order (a round trip per list was most of an erasure's reads).
     */
    public Optional<ErasureReceipt> find(SubjectId subject) {
        UUID id = UUID.fromString(subject.value());
        return jdbc.query("SELECT v.erasure_id, v.erasure_requested_at, v.erased_at, v.destroyed_keys::text,"
                        + " (SELECT array_agg(DISTINCT w.kek_version ORDER BY w.kek_version) FROM data_key_wrap w"
                        + " JOIN data_key k ON k.subject_id = w.subject_id AND k.key_class = w.key_class"
                        + " LEFT JOIN kek_version kv ON kv.version = w.kek_version WHERE w.subject_id = v.subject_id"
                        + " AND k.wrapped IS NULL AND kv.state IS DISTINCT FROM 'DESTROYED'),"
                        + " (SELECT b.reached_at FROM erasure_backup_reach b"
                        + " WHERE b.subject_id = v.subject_id AND b.erasure_id = v.erasure_id),"
                        + " r.classes, r.untils, r.shredded, h.ids, h.refs, h.placed, n.recipients, n.notices, n.ats"
                        + " FROM subject_view v"
                        + " LEFT JOIN LATERAL (SELECT array_agg(key_class ORDER BY key_class) AS classes,"
                        + " array_agg(until ORDER BY key_class) AS untils,"
                        + " array_agg(shredded_at ORDER BY key_class) AS shredded"
                        + " FROM retention WHERE subject_id = v.subject_id) r ON true"
                        + " LEFT JOIN LATERAL (SELECT array_agg(hold_id::text ORDER BY placed_at, hold_id) AS ids,"
                        + " array_agg(reference ORDER BY placed_at, hold_id) AS refs,"
                        + " array_agg(placed_at ORDER BY placed_at, hold_id) AS placed"
                        + " FROM legal_hold WHERE subject_id = v.subject_id AND released_at IS NULL) h ON true"
                        + " LEFT JOIN LATERAL (SELECT array_agg(recipient ORDER BY recipient, notified_at) AS recipients,"
                        + " array_agg(notice ORDER BY recipient, notified_at) AS notices,"
                        + " array_agg(notified_at ORDER BY recipient, notified_at) AS ats"
                        + " FROM recipient_notice WHERE subject_id = v.subject_id AND notice = 'ERASURE') n ON true"
                        + " WHERE v.subject_id = ? AND v.erasure_id IS NOT NULL",
                (rs, i) -> {
                    List<DestroyedKey> keys = parse(rs.getString(4));
                    List<String> keksInUse = List.of(strings(rs, 5));
                    Instant reachedBackups = instant(rs.getTimestamp(6));
                    Instant erased = instant(rs.getTimestamp(3));
                    String[] classes = strings(rs, 7);
                    Timestamp[] untils = timestamps(rs, 8);
                    Timestamp[] shredded = timestamps(rs, 9);
                    List<ErasureReceipt.Retained> retained = new ArrayList<>(classes.length);
                    for (int j = 0; j < classes.length; j++) {
                        retained.add(new ErasureReceipt.Retained(classes[j], instant(untils[j]),
                                instant(shredded[j])));
                    }
                    String[] holdIds = strings(rs, 10);
                    String[] references = strings(rs, 11);
                    Timestamp[] placed = timestamps(rs, 12);
                    List<ErasureReceipt.Hold> holds = new ArrayList<>(holdIds.length);
                    for (int j = 0; j < holdIds.length; j++) {
                        holds.add(new ErasureReceipt.Hold(holdIds[j], references[j], placed[j].toInstant()));
                    }
                    String[] recipients = strings(rs, 13);
                    String[] notices = strings(rs, 14);
                    Timestamp[] ats = timestamps(rs, 15);
                    List<ErasureReceipt.Notified> notified = new ArrayList<>(recipients.length);
                    for (int j = 0; j < recipients.length; j++) {
                        notified.add(new ErasureReceipt.Notified(recipients[j], notices[j], ats[j].toInstant()));
                    }
                    boolean pendingRetention = retained.stream().anyMatch(r -> r.shreddedAt() == null);
                    String status = erased == null ? (holds.isEmpty() ? "REQUESTED" : "HELD")
                            : pendingRetention ? "ERASED_RETAINING" : "ERASED";
                    return new ErasureReceipt(subject.value(), rs.getString(1), status,
                            rs.getTimestamp(2).toInstant(), erased, keys, retained, holds, notified, keksInUse,
                            erased != null && !pendingRetention && reachedBackups != null, reachedBackups);
                }, id).stream().findFirst();
    }

    private static String[] strings(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    private static Timestamp[] timestamps(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? new Timestamp[0] : (Timestamp[]) array.getArray();
    }

    private static Instant instant(Timestamp t) {
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
