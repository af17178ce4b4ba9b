package dev.pdvault.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real PostgreSQL the integration tests run against: the machine's server ({@code VAULT_TEST_DB_URL},
 * default {@code jdbc:postgresql://127.0.0.1:5432/test}), in a schema of this test run's own that is dropped
 * when the JVM ends, so the database is left as it was found.
 */
public final class TestDatabase {

    public static final String BASE_URL = System.getenv().getOrDefault("VAULT_TEST_DB_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("VAULT_TEST_DB_USER", "postgres");
    public static final String SCHEMA = "it_" + ProcessHandle.current().pid() + "_"
            + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

    static {
        execute("CREATE SCHEMA " + SCHEMA);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            } catch (RuntimeException ignored) {
                // best effort at JVM exit
            }
        }));
    }

    private TestDatabase() {
    }

    public static String url() {
        return BASE_URL + (BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    public static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(BASE_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database: " + e.getMessage(), e);
        }
    }
}
