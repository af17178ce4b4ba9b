package dev.pdvault.api.embedded;

import dev.pdvault.api.VaultApplication;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default run on a machine without a database: the vault starts its own PostgreSQL, keeps the data in a
 * directory that survives a restart, with fsync and synchronous commit on, stops it when the vault stops, and
 * stops a PostgreSQL that a killed vault left running on the same directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedPostgresIT {

    @TempDir
    Path home;

    @Test
    @Order(1)
    void theVaultOwnsADurablePostgresThatSurvivesRestarts() throws Exception {
        Path data = home.resolve("pgdata");
        int pgPort = 20000 + ThreadLocalRandom.current().nextInt(20000);
        String subject;
        try (ConfigurableApplicationContext vault = start(data, pgPort)) {
            JdbcTemplate jdbc = vault.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("SHOW data_directory", String.class)).isEqualTo(data.toString());
            assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL 17");
            subject = register(vault);
        }
        assertThat(Files.exists(data.resolve("postmaster.pid"))).as("stopped with the vault").isFalse();

        try (ConfigurableApplicationContext vault = start(data, pgPort)) {
            JdbcTemplate jdbc = vault.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_view WHERE subject_id = ?::uuid", Long.class,
                    subject)).isEqualTo(1);
        }
        assertThat(Files.exists(data.resolve("postmaster.pid"))).as("stopped with the vault again").isFalse();
    }

    @Test
    @Order(2)
    void aPostgresLeftBehindByAKilledVaultIsStoppedFirst() throws Exception {
        Path data = home.resolve("leftover");
        int pgPort = 20000 + ThreadLocalRandom.current().nextInt(20000);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanPostgres.class.getName(), data.toString(),
                String.valueOf(pgPort)).redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // wait for the child's PostgreSQL
            }
        }
        child.destroyForcibly().waitFor();
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false))
                .as("PostgreSQL outlives the killed JVM").isTrue();

        try (ConfigurableApplicationContext vault = start(data, pgPort)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(vault.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
        } finally {
            ProcessHandle.of(orphanPid).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    @Order(3)
    void theVaultRefusesToStartOnAPostgresWithoutDurableCommits() throws Exception {
        Path data = home.resolve("unsafe");
        int pgPort = 20000 + ThreadLocalRandom.current().nextInt(20000);
        try (var unsafe = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setDataDirectory(data)
                .setCleanDataDirectory(true).setRegisterShutdownHook(false).setPort(pgPort)
                .setServerConfig("fsync", "off").start()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SpringApplicationBuilder(VaultApplication.class)
                            .run("--server.port=0", "--spring.datasource.url=" + unsafe.getJdbcUrl("postgres", "postgres"),
                                    "--spring.datasource.username=postgres",
                                    "--vault.kek.local-keyset-file=" + home.resolve("kek.json")))
                    .hasStackTraceContaining("fsync=off");
        }
        try (var relaxed = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setDataDirectory(data)
                .setCleanDataDirectory(true).setRegisterShutdownHook(false).setPort(pgPort)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "off").start()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SpringApplicationBuilder(VaultApplication.class)
                            .run("--server.port=0", "--spring.datasource.url=" + relaxed.getJdbcUrl("postgres", "postgres"),
                                    "--spring.datasource.username=postgres",
                                    "--vault.kek.local-keyset-file=" + home.resolve("kek.json")))
                    .hasStackTraceContaining("synchronous_commit=off");
        }
    }

    private ConfigurableApplicationContext start(Path data, int pgPort) {
        return new SpringApplicationBuilder(VaultApplication.class).run(
                "--server.port=0",
                "--vault.embedded-postgres.data-directory=" + data,
                "--vault.embedded-postgres.port=" + pgPort,
                "--vault.kek.local-keyset-file=" + home.resolve("kek.json"));
    }

    private static String register(ConfigurableApplicationContext vault) throws Exception {
        int port = Integer.parseInt(vault.getEnvironment().getProperty("local.server.port"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v1/subjects"))
                .header("Authorization", "Bearer dev-collector-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"region\":\"CN\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        return r.body().replaceAll(".*\"subjectId\":\"([^\"]+)\".*", "$1");
    }
}
