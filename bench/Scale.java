// Grows a benchmark database from a few loaded subjects to many, for the scale curves of bench/scale (replay and
// KEK rotation time, disk used at 10^4..10^6 subjects). Run as a single-file program with the vault jar's
// libraries on the class path (bench/scale does this):
//   java -cp 'LIB/*' bench/Scale.java JDBC_URL KEK_FILE SUBJECTS
// With the vault stopped, it copies the events of the subjects already in the database (loaded through the API:
// registrations, collections, detokenizations) until SUBJECTS subjects exist. Each copy gets new identifiers
// throughout: every UUID in an event (subject, collection, access, event ids) is mapped to a name-based UUID of
// (original, copy number), and every token keeps its first 21 characters, moves its 22nd one place in the alphabet and ends
// in the copy number. Every
// copied subject gets data keys of its own, generated and wrapped by the vault's KEK (the local keyset file),
// so a KEK rotation rewraps them as it would real ones. What the copies cannot have is a value sealed under
// their own key: their events carry the original subjects' sealed bytes (authenticated with the original
// subject's scope), so their tokens do not open. Replay, rotation and disk use do not open values.
import com.google.crypto.tink.aead.AeadConfig;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.InsecureLocalKeyEncryptionKeys;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.WrappedDataKey;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

public class Scale {

    private static final Pattern UUIDS = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TOKENS = Pattern.compile("tok_([0-9a-z]{21})([0-9a-z])[0-9a-z]{4}");
    private static final String BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";
    /** The aggregates that belong to one subject or one access; singletons (policy, KEK ring) are not copied. */
    private static final String PER_SUBJECT = "('DataSubject', 'Detokenization', 'SubjectDataKeys')";
    private static final HexFormat HEX = HexFormat.of();
    private static final String CREATED = "2026-01-01T00:00:00Z";

    record Event(String id, String aggregate, long sequence, String type, String timestamp, String payloadType,
                 String revision, String payload, String metadata) {
    }

    record Key(String subject, String keyClass) {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path kekFile = Path.of(args[1]);
        int target = Integer.parseInt(args[2]);
        AeadConfig.register();
        try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
            List<String> subjects = strings(db, "SELECT aggregate_identifier FROM domain_event_entry"
                    + " WHERE type = 'DataSubject' AND sequence_number = 0 ORDER BY global_index");
            List<Event> events = events(db);
            List<Key> keys = keys(db);
            int copies = (int) Math.ceil((double) (target - subjects.size()) / subjects.size());
            if (copies <= 0) {
                System.out.printf("scale: %d subjects already, nothing to copy%n", subjects.size());
                return;
            }
            if (copies >= 32 * 32 * 32 * 32) {
                throw new IllegalArgumentException("too many copies for the token suffix: " + copies);
            }
            String kekVersion = strings(db, "SELECT version FROM kek_version WHERE state = 'ACTIVE'"
                    + " ORDER BY created_at DESC LIMIT 1").get(0);
            DataKeys dataKeys = new DataKeys(InsecureLocalKeyEncryptionKeys.loadOrGenerate(kekFile), 1,
                    Duration.ofSeconds(1));
            if (!dataKeys.keyEncryptionKeys().primaryVersion().equals(kekVersion)) {
                throw new IllegalStateException("the KEK file's primary " + dataKeys.keyEncryptionKeys().primaryVersion()
                        + " is not the vault's active version " + kekVersion);
            }
            long start = System.nanoTime();
            long written = 0;
            int perCopy = subjects.size();
            int copied = 0;
            db.setAutoCommit(false);
            for (int copy = 1; copy <= copies; copy++) {
                int n = copy;
                StringBuilder eventRows = new StringBuilder(events.size() * 1200);
                for (Event e : events) {
                    csv(eventRows, mapIds(e.id(), n), mapIds(e.aggregate(), n), Long.toString(e.sequence()), e.type(),
                            e.timestamp(), e.payloadType(), e.revision(),
                            bytea(mapAll(e.payload(), n)), e.metadata() == null ? null : bytea(mapAll(e.metadata(), n)));
                }
                copy(db, "COPY domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data) FROM STDIN (FORMAT csv)",
                        eventRows);
                List<String[]> keyRows = IntStream.range(0, keys.size()).parallel().mapToObj(i -> {
                    Key k = keys.get(i);
                    String subject = mapIds(k.subject(), n);
                    WrappedDataKey wrapped = dataKeys.generate(new KeyScope(subject, k.keyClass()));
                    long primary = dataKeys.unwrap(wrapped).primaryKeyId();
                    return new String[] {subject, k.keyClass(), wrapped.kekVersion(),
                            "\\x" + HEX.formatHex(wrapped.wrappedKeyset()), Long.toString(primary)};
                }).toList();
                StringBuilder keyCsv = new StringBuilder();
                StringBuilder wrapCsv = new StringBuilder();
                for (String[] f : keyRows) {
                    csv(keyCsv, f[0], f[1], "1", f[2], f[3], CREATED, f[4]);
                    csv(wrapCsv, f[0], f[1], "1", f[2], CREATED);
                }
                copy(db, "COPY data_key (subject_id, key_class, key_version, kek_version, wrapped, created_at,"
                        + " primary_key_id) FROM STDIN (FORMAT csv)", keyCsv);
                copy(db, "COPY data_key_wrap (subject_id, key_class, key_version, kek_version, wrapped_at)"
                        + " FROM STDIN (FORMAT csv)", wrapCsv);
                db.commit();
                written += events.size();
                copied += perCopy;
                if (copy % 50 == 0 || copy == copies) {
                    System.out.printf("scale: %d subjects copied, %d events, %.0f s%n", copied, written,
                            (System.nanoTime() - start) / 1e9);
                }
                if (subjects.size() + copied >= target) {
                    break;
                }
            }
            try (Statement s = db.createStatement()) {
                s.execute("ANALYZE");
            }
            db.commit();
            System.out.printf("scale: %d subjects in all (%d loaded, %d copied), %d events written in %.0f s%n",
                    subjects.size() + copied, subjects.size(), copied, written, (System.nanoTime() - start) / 1e9);
        }
    }

    private static List<String> strings(Connection db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static List<Event> events(Connection db) throws Exception {
        List<Event> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT event_identifier,"
                + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload,"
                + " meta_data FROM domain_event_entry WHERE type IN " + PER_SUBJECT + " ORDER BY global_index")) {
            while (rs.next()) {
                byte[] meta = rs.getBytes(9);
                out.add(new Event(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), new String(rs.getBytes(8), StandardCharsets.UTF_8),
                        meta == null ? null : new String(meta, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static List<Key> keys(Connection db) throws Exception {
        List<Key> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT subject_id, key_class FROM data_key WHERE wrapped IS NOT NULL ORDER BY subject_id, key_class")) {
            while (rs.next()) {
                out.add(new Key(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    private static String mapIds(String text, int copy) {
        Matcher m = UUIDS.matcher(text);
        return m.replaceAll(r -> UUID.nameUUIDFromBytes((r.group() + ":" + copy).getBytes(StandardCharsets.UTF_8))
                .toString());
    }

    private static String mapAll(String text, int copy) {
        String suffix = "" + BASE32.charAt(copy >> 15 & 31) + BASE32.charAt(copy >> 10 & 31)
                + BASE32.charAt(copy >> 5 & 31) + BASE32.charAt(copy & 31);
        // the 22nd character moves one place in the alphabet, so a copy never equals an original token; the last
        // four are the copy number, so copies of one token never equal each other
        return TOKENS.matcher(mapIds(text, copy)).replaceAll(r -> "tok_" + r.group(1)
                + BASE32.charAt((BASE32.indexOf(r.group(2).charAt(0)) + 1) % 32) + suffix);
    }

    private static String bytea(String text) {
        return "\\x" + HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void csv(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (fields[i] != null) {
                out.append('"').append(fields[i].replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }

    private static void copy(Connection db, String sql, CharSequence rows) throws Exception {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = db.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        in.writeToCopy(bytes, 0, bytes.length);
        in.endCopy();
    }
}
