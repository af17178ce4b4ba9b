package dev.pdvault.api.replay;

import dev.pdvault.api.TestDatabase;
import dev.pdvault.projections.BatchedWriter;
import dev.pdvault.projections.BulkLoad;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rebuild's bulk load writes exactly the rows the live path's inserts write (awkward text, nulls, bytes, times,
 * JSON), and gives a table loaded without its keys and indexes back the very definitions it had; a duplicate key
 * fails the rebuild's transaction and leaves the table as it was.
 */
class BulkCopyIT {

    private static final String COLUMNS = "(token TEXT PRIMARY KEY, subject_id UUID NOT NULL, note TEXT,"
            + " sealed BYTEA, at TIMESTAMPTZ NOT NULL, summary JSONB NOT NULL)";

    private String schema;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;

    @BeforeEach
    void schema() {
        schema = TestDatabase.SCHEMA + "_copy_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        TestDatabase.execute("CREATE SCHEMA " + schema);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabase.BASE_URL
                + (TestDatabase.BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, TestDatabase.USER, "");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        for (String table : List.of("copied", "inserted")) {
            jdbc.execute("CREATE TABLE " + table + " " + COLUMNS);
            jdbc.execute("CREATE INDEX " + table + "_subject ON " + table + " (subject_id, at)");
        }
    }

    @AfterEach
    void drop() {
        TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void copiedRowsEqualInsertedRowsAndTheTableGetsItsIndexesBackAsTheyWere() {
        List<String> before = indexes("copied");
        List<Object[]> rows = rows();
        transactions.executeWithoutResult(status -> {
            BulkCopy bulk = BulkCopy.start(jdbc, List.of("copied"));
            assertThat(indexes("copied")).as("loaded without its key and index").isEmpty();
            write("copied", rows, bulk);
            write("inserted", rows, null);
            bulk.finish();
        });
        assertThat(indexes("copied")).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM copied", Long.class)).isEqualTo(rows.size());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM (SELECT * FROM copied EXCEPT SELECT * FROM inserted"
                + " UNION ALL SELECT * FROM inserted EXCEPT SELECT * FROM copied) d", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT note FROM copied WHERE token = 'tk_1'", String.class))
                .isEqualTo("tab\there, new\nline, return\r, back\\slash \\N and 漢字");
    }

    @Test
    void anotherStatementWritingToALoadedTableFindsItsIndexesBack() {
        List<String> before = indexes("copied");
        transactions.executeWithoutResult(status -> {
            BulkCopy bulk = BulkCopy.start(jdbc, List.of("copied"));
            write("copied", rows(), bulk);
            UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("update"));
            unit.resources().put(BulkLoad.RESOURCE, bulk);
            new BatchedWriter(jdbc).writeTo("copied", "UPDATE copied SET note = NULL WHERE subject_id = ?",
                    new Object[]{SUBJECT});
            unit.commit();
            assertThat(indexes("copied")).isEqualTo(before);
            bulk.finish();
        });
        assertThat(indexes("copied")).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM copied WHERE note IS NULL", Long.class)).isEqualTo(5L);
    }

    @Test
    void aDuplicateKeyFailsTheLoadAndLeavesTheTableAsItWas() {
        jdbc.update("INSERT INTO copied (token, subject_id, at, summary) VALUES ('kept', ?, now(), '{}')", SUBJECT);
        List<String> before = indexes("copied");
        List<Object[]> rows = new ArrayList<>(rows());
        rows.add(rows.get(0).clone());
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            jdbc.execute("TRUNCATE copied");
            BulkCopy bulk = BulkCopy.start(jdbc, List.of("copied"));
            write("copied", rows, bulk);
            bulk.finish();
        })).hasMessageContaining("copied_pkey");
        assertThat(indexes("copied")).isEqualTo(before);
        assertThat(jdbc.queryForList("SELECT token FROM copied", String.class)).containsExactly("kept");
    }

    @Test
    void aUserThatDoesNotOwnTheTableCopiesIntoItWithItsIndexesInPlace() {
        String role = schema + "_writer";
        List<String> before = indexes("copied");
        TestDatabase.execute("CREATE ROLE " + role + " NOLOGIN");
        try {
            jdbc.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
            jdbc.execute("GRANT ALL ON copied TO " + role);
            transactions.executeWithoutResult(status -> {
                jdbc.execute("SET LOCAL ROLE " + role);
                jdbc.execute("TRUNCATE copied");
                BulkCopy bulk = BulkCopy.start(jdbc, List.of("copied"));
                assertThat(indexes("copied")).as("kept: only the owner may drop them").isEqualTo(before);
                write("copied", rows(), bulk);
                bulk.finish();
            });
            assertThat(jdbc.queryForObject("SELECT count(*) FROM copied", Long.class)).isEqualTo(rows().size());
            assertThat(indexes("copied")).isEqualTo(before);
        } finally {
            jdbc.execute("DROP OWNED BY " + role);
            TestDatabase.execute("DROP ROLE " + role);
        }
    }

    private static final UUID SUBJECT = UUID.randomUUID();

    private static List<Object[]> rows() {
        Timestamp at = Timestamp.from(Instant.parse("2026-11-26T02:33:38.123456Z"));
        return List.of(
                new Object[]{"tk_1", SUBJECT, "tab\there, new\nline, return\r, back\\slash \\N and 漢字",
                        new byte[]{0, 1, (byte) 0xff, '\\', '\n'}, at, "{\"reference\": \"a\\\\b\\t\\\"c\\\"\"}"},
                new Object[]{"tk_2", SUBJECT, null, null, Timestamp.from(Instant.parse("1999-12-31T23:59:59Z")),
                        "{\"fields\": [{\"field\": \"name\", \"token\": \"tk_2\"}], \"n\": 1}"},
                new Object[]{"tk_3", SUBJECT, "", new byte[0], at, "[]"},
                // half a microsecond: the driver rounds it up, PostgreSQL's text input would round it to even
                new Object[]{"tk_4", SUBJECT, "t", null, Timestamp.from(Instant.parse("2026-11-26T02:33:38.123456500Z")),
                        "{}"},
                new Object[]{"tk_5", SUBJECT, "t", null, Timestamp.from(Instant.parse("2026-11-26T02:33:38.999999500Z")),
                        "{}"});
    }

    private void write(String table, List<Object[]> rows, BulkLoad bulk) {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(table));
        if (bulk != null) {
            unit.resources().put(BulkLoad.RESOURCE, bulk);
        }
        new BatchedWriter(jdbc).insert(BatchedWriter.Insert.into(table, "token", "subject_id", "note", "sealed", "at",
                "summary::jsonb"), rows);
        unit.commit();
    }

    private List<String> indexes(String table) {
        return jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ?"
                + " ORDER BY indexname", String.class, schema, table);
    }
}
