package dev.pdvault.api.keys;

import dev.pdvault.crypto.SealedValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Encryptions per data key (subject, key class, Tink key id), table {@code data_key_usage}. Counted from the sealed
 * values themselves (each names the key that sealed it), in the transaction that records them: one batched
 * statement per group commit, so the count is exactly as durable as the values and survives restarts.
 */
@Repository
public class DataKeyUsage {

    private record Key(UUID subject, String keyClass, long keyId) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::subject)
            .thenComparing(Key::keyClass).thenComparingLong(Key::keyId);

    /** The seals of a batch, summed per key; not thread-safe. */
    public static final class Tally {
        private final Map<Key, Long> counts = new TreeMap<>(ORDER);

        public Tally add(String subjectId, String keyClass, SealedValue sealed) {
            counts.merge(new Key(UUID.fromString(subjectId), keyClass, sealed.keyVersion()), 1L, Long::sum);
            return this;
        }

        public boolean isEmpty() {
            return counts.isEmpty();
        }
    }

    /** One key's count. */
    public record Usage(String keyClass, long keyId, long encryptions, Instant firstUsedAt, Instant lastUsedAt) {
    }

    private final JdbcTemplate jdbc;

    public DataKeyUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a tally to the counts, in one statement, in the caller's transaction. Rows are written in key order, so
     * two batches that count the same keys cannot deadlock.
     */
    public void record(Tally tally, Instant now) {
        if (tally.isEmpty()) {
            return;
        }
        int n = tally.counts.size();
        UUID[] subjects = new UUID[n];
        String[] classes = new String[n];
        Long[] keyIds = new Long[n];
        Long[] counts = new Long[n];
        int i = 0;
        for (Map.Entry<Key, Long> e : tally.counts.entrySet()) {
            subjects[i] = e.getKey().subject();
            classes[i] = e.getKey().keyClass();
            keyIds[i] = e.getKey().keyId();
            counts[i] = e.getValue();
            i++;
        }
        Timestamp at = Timestamp.from(now);
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO data_key_usage (subject_id, key_class, key_id, encryptions,"
                    + " first_used_at, last_used_at) SELECT s, c, k, n, ?, ? FROM unnest(?::uuid[], ?::text[],"
                    + " ?::bigint[], ?::bigint[]) AS u(s, c, k, n) ORDER BY s, c, k"
                    + " ON CONFLICT (subject_id, key_class, key_id) DO UPDATE SET"
                    + " encryptions = data_key_usage.encryptions + excluded.encryptions,"
                    + " last_used_at = excluded.last_used_at");
            ps.setTimestamp(1, at);
            ps.setTimestamp(2, at);
            ps.setArray(3, con.createArrayOf("uuid", subjects));
            ps.setArray(4, con.createArrayOf("text", classes));
            ps.setArray(5, con.createArrayOf("int8", keyIds));
            ps.setArray(6, con.createArrayOf("int8", counts));
            return ps;
        });
    }

    /** Every key of the subject that sealed something, per key class, oldest first. */
    public List<Usage> of(UUID subject) {
        return jdbc.query("SELECT key_class, key_id, encryptions, first_used_at, last_used_at FROM data_key_usage"
                        + " WHERE subject_id = ? ORDER BY key_class, first_used_at, key_id",
                (rs, i) -> new Usage(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()), subject);
    }
}
