package dev.pdvault.api.ledger.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.PublicKeyVerify;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The auditor's verifier, run without the vault: reads the events from a database (or from an export made with
 * {@code --export-to}), a checkpoint the auditor saved earlier and the public key the auditor pinned, and prints OK
 * or the first global index where the history differs. From the vault's jar:
 *
 * <pre>
 * java -cp vault-api.jar -Dloader.main=dev.pdvault.api.ledger.verify.LedgerVerifier \
 *     org.springframework.boot.loader.launch.PropertiesLauncher \
 *     --jdbc-url jdbc:postgresql://db:5432/vault --user auditor --checkpoint saved.json --public-key key.json
 * </pre>
 *
 * The database password comes from {@code PGPASSWORD}. Exit status: 0 OK, 1 the history differs (or the checkpoint
 * is not genuine), 2 a usage or input error.
 */
public final class LedgerVerifier {

    static final String USAGE = """
            usage: LedgerVerifier (--jdbc-url URL [--user U] [--table T] | --export FILE.jsonl)
                                  --checkpoint SAVED.json --public-key KEY.json
                   LedgerVerifier --jdbc-url URL [--user U] [--table T] --export-to FILE.jsonl
              --jdbc-url    the event store's database (password from $PGPASSWORD); --table defaults to
                            domain_event_entry
              --export      events exported earlier with --export-to, one JSON object a line
              --checkpoint  a checkpoint saved from GET /v1/ledger/proofs/consistency?to=N (with its entries: the
                            first differing position is named) or from GET /v1/ledger/checkpoints (head only)
              --public-key  the vault's verification key, saved from GET /v1/ledger/public-key
            """;

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private LedgerVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Map.copyOf(System.getenv()), System.out, System.err));
    }

    /** Runs the command; returns its exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("unexpected argument: " + args[i]);
                err.print(USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        String table = options.getOrDefault("table", "domain_event_entry");
        if (!TABLE.matcher(table).matches()) {
            err.println("--table must be a table name");
            return 2;
        }
        try {
            if (options.containsKey("export-to")) {
                if (!options.containsKey("jdbc-url")) {
                    err.print(USAGE);
                    return 2;
                }
                List<EventRow> events = fromDatabase(options, env, table);
                writeExport(events, Path.of(options.get("export-to")));
                out.println("exported " + events.size() + " event(s) to " + options.get("export-to"));
                return 0;
            }
            if (!options.containsKey("checkpoint") || !options.containsKey("public-key")
                    || options.containsKey("jdbc-url") == options.containsKey("export")) {
                err.print(USAGE);
                return 2;
            }
            PublicKeyVerify key = LedgerVerification.publicKey(Files.readString(Path.of(options.get("public-key"))));
            JsonNode saved = JSON.readTree(Path.of(options.get("checkpoint")).toFile());
            Checkpoint checkpoint;
            List<ChainEntry> entries = null;
            if (saved.has("to")) {
                Proof proof = JSON.treeToValue(saved, Proof.class);
                if (proof.from() != null) {
                    err.println("--checkpoint must be a proof from the start (GET /v1/ledger/proofs/consistency"
                            + " without from)");
                    return 2;
                }
                checkpoint = proof.to();
                entries = proof.entries();
            } else {
                checkpoint = JSON.treeToValue(saved, Checkpoint.class);
            }
            List<EventRow> events = options.containsKey("export") ? readExport(Path.of(options.get("export")))
                    : fromDatabase(options, env, table);
            Finding finding = LedgerVerification.verify(events, checkpoint, entries, key);
            (finding.ok() ? out : err).println(finding);
            return finding.ok() ? 0 : 1;
        } catch (IOException | SQLException | GeneralSecurityException | RuntimeException e) {
            err.println("cannot verify: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 2;
        }
    }

    private static List<EventRow> fromDatabase(Map<String, String> options, Map<String, String> env, String table)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(options.get("jdbc-url"), options.getOrDefault("user",
                env.getOrDefault("PGUSER", "postgres")), env.getOrDefault("PGPASSWORD", ""))) {
            return readTable(c, table);
        }
    }

    /** Every event of {@code table} (shaped like {@code domain_event_entry}), in global order. */
    public static List<EventRow> readTable(Connection c, String table) throws SQLException {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name");
        }
        List<EventRow> rows = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("SELECT global_index, event_identifier, aggregate_identifier,"
                + " sequence_number, type, payload_type, payload_revision, payload, meta_data, time_stamp FROM "
                + table + " ORDER BY global_index")) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(autoCommit);
        }
        return rows;
    }

    /** The columns of one event row, in the order of {@link #readTable}'s select. */
    public static EventRow row(ResultSet rs) throws SQLException {
        return new EventRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9), rs.getString(10));
    }

    static void writeExport(List<EventRow> events, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (EventRow e : events) {
                w.write(JSON.writeValueAsString(e));
                w.newLine();
            }
        }
    }

    /** Events exported by {@code --export-to}, in the file's order. */
    public static List<EventRow> readExport(Path file) throws IOException {
        List<EventRow> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    rows.add(JSON.readValue(line, EventRow.class));
                }
            }
        }
        return rows;
    }
}
