package dev.pdvault.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a projection's rows at the end of the unit of work that handles a batch of events, one batched
 * statement per run of the same SQL, in the order the handlers asked for them, still inside the events'
 * transaction. A group commit of many requests then costs a few statements instead of one per event.
 * Outside a unit of work it writes at once. Inside a rebuild's unit of work, which carries a {@link BulkLoad},
 * the rows of an {@link Insert} go to the bulk load instead, and every other statement first tells it which table
 * it writes to.
 */
public final class BatchedWriter {

    /**
     * A plain insert of every column it names, one parameter each: a column named {@code "summary::jsonb"} is
     * sent as {@code ?::jsonb}. Only such inserts may be bulk loaded.
     */
    public record Insert(String table, List<String> columns, String sql) {

        public static Insert into(String table, String... columns) {
            List<String> names = Arrays.stream(columns).map(c -> c.contains("::") ? c.substring(0, c.indexOf("::")) : c)
                    .toList();
            String values = Arrays.stream(columns).map(c -> c.contains("::") ? "?" + c.substring(c.indexOf("::")) : "?")
                    .collect(Collectors.joining(", "));
            return new Insert(table, names, "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                    + values + ")");
        }
    }

    /** A batched statement: an {@link Insert}'s rows, or any other statement that writes to {@code table}. */
    private record Statement(String sql, Insert insert, String table, List<Object[]> rows) {
    }

    private final JdbcTemplate jdbc;
    private final String resourceKey = BatchedWriter.class.getName() + "@" + System.identityHashCode(this);

    public BatchedWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts {@code rows}, each holding the insert's columns in order. */
    public void insert(Insert insert, List<Object[]> rows) {
        add(new Statement(insert.sql(), insert, insert.table(), null), rows);
    }

    public void insert(Insert insert, Object... row) {
        insert(insert, List.<Object[]>of(row));
    }

    /**
     * Runs {@code sql} once for each of {@code rows}. It must not write to a table that a rebuild loads in bulk
     * ({@link Projection#bulkLoadedTables()}): such statements go through {@link #writeTo}.
     */
    public void write(String sql, List<Object[]> rows) {
        add(new Statement(sql, null, null, null), rows);
    }

    public void write(String sql, Object... row) {
        write(sql, List.<Object[]>of(row));
    }

    /** Runs {@code sql}, which writes to {@code table}, once for each of {@code rows}. */
    public void writeTo(String table, String sql, List<Object[]> rows) {
        add(new Statement(sql, null, table, null), rows);
    }

    public void writeTo(String table, String sql, Object... row) {
        writeTo(table, sql, List.<Object[]>of(row));
    }

    private void add(Statement statement, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.batchUpdate(statement.sql(), rows);
            return;
        }
        UnitOfWork<?> unit = CurrentUnitOfWork.get();
        List<Statement> pending = unit.getOrComputeResource(resourceKey, key -> {
            List<Statement> statements = new ArrayList<>();
            unit.onPrepareCommit(u -> flush(statements, u.getResource(BulkLoad.RESOURCE)));
            return statements;
        });
        Statement last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
        if (last != null && last.sql().equals(statement.sql())) {
            last.rows().addAll(rows);
        } else {
            pending.add(new Statement(statement.sql(), statement.insert(), statement.table(), new ArrayList<>(rows)));
        }
    }

    private void flush(List<Statement> statements, BulkLoad bulk) {
        for (Statement statement : statements) {
            if (bulk != null && statement.insert() != null) {
                bulk.insert(statement.insert(), statement.rows());
            } else {
                if (bulk != null && statement.table() != null) {
                    bulk.beforeWriting(statement.table());
                }
                jdbc.batchUpdate(statement.sql(), statement.rows());
            }
        }
        statements.clear();
    }
}
