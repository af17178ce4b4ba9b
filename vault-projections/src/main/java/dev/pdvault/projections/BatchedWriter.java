package dev.pdvault.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a projection's rows at the end of the unit of work that handles a batch of events, one batched
 * statement per run of the same SQL, in the order the handlers asked for them, still inside the events'
 * transaction. A group commit of many requests then costs a few statements instead of one per event.
 * Outside a unit of work it writes at once.
 */
public final class BatchedWriter {

    private record Statement(String sql, List<Object[]> rows) {
    }

    private final JdbcTemplate jdbc;
    private final String resourceKey = BatchedWriter.class.getName() + "@" + System.identityHashCode(this);

    public BatchedWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void write(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.batchUpdate(sql, rows);
            return;
        }
        UnitOfWork<?> unit = CurrentUnitOfWork.get();
        List<Statement> pending = unit.getOrComputeResource(resourceKey, key -> {
            List<Statement> statements = new ArrayList<>();
            unit.onPrepareCommit(u -> flush(statements));
            return statements;
        });
        Statement last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
        if (last != null && last.sql().equals(sql)) {
            last.rows().addAll(rows);
        } else {
            pending.add(new Statement(sql, new ArrayList<>(rows)));
        }
    }

    public void write(String sql, Object... row) {
        write(sql, List.<Object[]>of(row));
    }

    private void flush(List<Statement> statements) {
        for (Statement statement : statements) {
            jdbc.batchUpdate(statement.sql(), statement.rows());
        }
        statements.clear();
    }
}
