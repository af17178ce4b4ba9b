package dev.pdvault.api.faults;

import dev.pdvault.api.TestDatabase;
import dev.pdvault.api.VaultApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The vault refuses to start when its own connections would commit without waiting for the WAL flush, even on
 * a server whose defaults are durable: a setting of its role, or one passed in the JDBC URL. (A server with
 * {@code fsync} or {@code synchronous_commit} off: {@code EmbeddedPostgresIT}.)
 */
class DurabilityCheckIT {

    @TempDir
    Path home;

    @Test
    void refusesToStartWhenItsRoleCommitsAsynchronously() {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        String role = "pdv_async_" + suffix;
        String schema = "async_role_" + suffix;
        TestDatabase.execute("CREATE ROLE " + role + " LOGIN");
        TestDatabase.execute("ALTER ROLE " + role + " SET synchronous_commit = off");
        TestDatabase.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + role);
        try {
            assertThatThrownBy(() -> start(TestDatabase.BASE_URL + "?currentSchema=" + schema, role, schema))
                    .hasStackTraceContaining("synchronous_commit=off")
                    .hasStackTraceContaining("the vault refuses to start");
        } finally {
            TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            TestDatabase.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void refusesToStartWhenItsConnectionsAreToldToCommitAsynchronously() {
        String schema = "async_url_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        TestDatabase.execute("CREATE SCHEMA " + schema);
        try {
            assertThatThrownBy(() -> start(TestDatabase.BASE_URL + "?currentSchema=" + schema
                    + "&options=-c%20synchronous_commit%3Doff", TestDatabase.USER, schema))
                    .hasStackTraceContaining("synchronous_commit=off")
                    .hasStackTraceContaining("the vault refuses to start");
        } finally {
            TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private void start(String url, String user, String schema) {
        new SpringApplicationBuilder(VaultApplication.class).run("--server.port=0",
                "--vault.embedded-postgres.enabled=false", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.flyway.schemas=" + schema,
                "--vault.kek.local-keyset-file=" + home.resolve("kek.json")).close();
    }
}
