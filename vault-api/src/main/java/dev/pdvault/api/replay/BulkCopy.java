package dev.pdvault.api.replay;

import dev.pdvault.projections.BatchedWriter;
import dev.pdvault.projections.BulkLoad;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A rebuild's {@link BulkLoad}: the projections' inserts go to PostgreSQL by {@code COPY ... FROM STDIN} (text
 * format), one per table and unit of work, which spares the per-row statement work of a multi-row {@code INSERT}.
 * The tables the projections declare bulk loaded lose their primary keys, unique constraints and indexes when the
 * rebuild starts and get them back, as they were defined and under the same names, when a statement other than an
 * insert first writes to one, or else after the last event: one sort of the finished table instead of a B-tree
 * insertion per row, and a primary key that is validated once over every row. All of it happens inside the
 * rebuild's transaction, which holds the tables exclusively, so a failed rebuild rolls back to the old tables,
 * rows and indexes alike.
 */
final class BulkCopy implements BulkLoad {

    /** Builds the indexes in memory rather than in sorted runs on disk. */
    private static final String SORT_MEMORY = "256MB";
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcTemplate jdbc;
    /** By table, the statements that give it back what was dropped; removed once run. */
    private final Map<String, List<String>> dropped;

    private BulkCopy(JdbcTemplate jdbc, Map<String, List<String>> dropped) {
        this.jdbc = jdbc;
        this.dropped = dropped;
    }

    /**
     * Drops the primary keys, unique and exclusion constraints and indexes of those of {@code tables} (empty, just
     * truncated by the caller's transaction) that the database user owns, remembering their exact definitions.
     */
    static BulkCopy start(JdbcTemplate jdbc, Collection<String> tables) {
        Map<String, List<String>> dropped = new LinkedHashMap<>();
        for (String table : tables) {
            // only the table's owner may drop and create its indexes; a vault that is not keeps them and still copies
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_has_role(relowner, 'USAGE') FROM pg_class"
                    + " WHERE oid = to_regclass(?)", Boolean.class, table))) {
                continue;
            }
            List<String> restore = new ArrayList<>();
            List<String> drop = new ArrayList<>();
            jdbc.query("""
                    SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                    WHERE conrelid = to_regclass(?) AND contype IN ('p', 'u', 'x') ORDER BY conname""", rs -> {
                drop.add("ALTER TABLE " + table + " DROP CONSTRAINT " + rs.getString("name"));
                restore.add("ALTER TABLE " + table + " ADD CONSTRAINT " + rs.getString("name") + " "
                        + rs.getString("definition"));
            }, table);
            jdbc.query("""
                    SELECT x.indexrelid::regclass::text AS name, pg_get_indexdef(x.indexrelid) AS definition
                    FROM pg_index x WHERE x.indrelid = to_regclass(?)
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid
                                      AND c.conrelid = x.indrelid)
                    ORDER BY 1""", rs -> {
                drop.add("DROP INDEX " + rs.getString("name"));
                restore.add(rs.getString("definition"));
            }, table);
            drop.forEach(jdbc::execute);
            dropped.put(table, restore);
        }
        return new BulkCopy(jdbc, dropped);
    }

    @Override
    public void insert(BatchedWriter.Insert insert, List<Object[]> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 128);
        for (Object[] row : rows) {
            if (row.length != insert.columns().size()) {
                throw new IllegalArgumentException("a row of " + row.length + " values for the "
                        + insert.columns().size() + " columns of " + insert.table());
            }
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                append(text, row[i]);
            }
            text.append('\n');
        }
        byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
        String sql = "COPY " + insert.table() + " (" + String.join(", ", insert.columns()) + ") FROM STDIN";
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(data));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot copy rows into " + insert.table(), e);
            }
        });
    }

    @Override
    public void beforeWriting(String table) {
        restore(table);
    }

    /** Gives every table what it still lacks; the rebuild calls it after the last event. */
    void finish() {
        List.copyOf(dropped.keySet()).forEach(this::restore);
    }

    private void restore(String table) {
        List<String> statements = dropped.remove(table);
        if (statements == null || statements.isEmpty()) {
            return;
        }
        jdbc.execute("SET LOCAL maintenance_work_mem = '" + SORT_MEMORY + "'");
        statements.forEach(jdbc::execute);
    }

    /** A value in COPY's text format: {@code \N} for null, backslash, tab, newline and return escaped. */
    private static void append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String s) {
            escape(text, s);
        } else if (value instanceof UUID || value instanceof Number || value instanceof Boolean) {
            text.append(value);
        } else if (value instanceof Timestamp t) {
            text.append(micros(t.toInstant()));
        } else if (value instanceof Instant t) {
            text.append(micros(t));
        } else if (value instanceof byte[] b) {
            text.append("\\\\x").append(HEX.formatHex(b));
        } else {
            throw new IllegalArgumentException("cannot copy a value of type " + value.getClass().getName());
        }
    }

    /**
     * Rounded to microseconds half up, as the driver rounds a bound {@link Timestamp}: PostgreSQL would round the
     * nanoseconds of the text half to even, and a time ending in 500 ns would differ from the live row.
     */
    private static Instant micros(Instant t) {
        return t.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    private static void escape(StringBuilder text, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
