package dev.pdvault.api.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.PlaintextScanner;
import dev.pdvault.api.TestDatabase;
import dev.pdvault.api.VaultApplication;
import dev.pdvault.api.subject.ErasureService;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash injection at each durable step of an erasure: a vault process is halted right after the step (as a
 * kill -9 would), then started again. Whatever the step, the restarted vault finishes the erasure: exactly one
 * tombstone, no live data key of the subject, no planted value in any table, and every token answers 410.
 */
class ErasureCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path home;

    /** A vault in a JVM of its own, on its own schema of the test database. */
    private final class Vault implements AutoCloseable {
        final Process process;
        final int port;

        Vault(String schema, String haltAfter) throws Exception {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Daxoniq.update-checker.disabled=true", "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), VaultApplication.class.getName(),
                    "--server.port=" + port,
                    "--vault.embedded-postgres.enabled=false",
                    "--spring.datasource.url=" + TestDatabase.BASE_URL + "?currentSchema=" + schema,
                    "--spring.datasource.username=" + TestDatabase.USER,
                    "--spring.flyway.schemas=" + schema,
                    "--vault.kek.local-keyset-file=" + home.resolve("kek.json"),
                    "--logging.level.root=WARN", "--logging.level.dev.pdvault=INFO"));
            if (haltAfter != null) {
                command.add("--vault.fault.halt-after-erasure-step=" + haltAfter);
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("vault-" + port + ".log").toFile()).start();
            try {
                awaitHealthy(Instant.now().plusSeconds(180));
            } catch (Exception | AssertionError e) {
                // the constructor throws, so no try-with-resources owns the process: stop it here
                process.destroyForcibly().waitFor();
                throw e;
            }
        }

        private void awaitHealthy(Instant deadline) throws Exception {
            while (Instant.now().isBefore(deadline)) {
                assertThat(process.isAlive()).as("the vault started").isTrue();
                try {
                    if (get("/actuator/health", null).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the vault did not start in 180 s");
        }

        HttpResponse<String> get(String path, String key) throws Exception {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
            if (key != null) {
                r.header("Authorization", "Bearer " + key);
            }
            return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> send(String method, String path, String key, Object body) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ErasureService.Step.class)
    void aCrashAfterAnyStepOfAnErasureEndsInOneTombstoneNoKeyAndNoPlaintext(ErasureService.Step step) throws Exception {
        String schema = "crash_" + step.name().toLowerCase() + "_" + Long.toString(
                ThreadLocalRandom.current().nextLong(1L << 40), 36);
        TestDatabase.execute("CREATE SCHEMA " + schema);
        try {
            String contact = "crash-contact-" + ThreadLocalRandom.current().nextLong(1L << 40);
            String note = "crash-note-" + ThreadLocalRandom.current().nextLong(1L << 40);
            String subject;
            List<String> tokens = new ArrayList<>();
            try (Vault vault = new Vault(schema, step.name())) {
                HttpResponse<String> registered = vault.send("POST", "/v1/subjects", "dev-collector-key",
                        Map.of("region", "CN", "birthDate", "1980-01-02"));
                assertThat(registered.statusCode()).isEqualTo(201);
                JsonNode r = JSON.readTree(registered.body());
                subject = r.get("subjectId").asText();
                tokens.add(r.get("birthDateToken").asText());
                HttpResponse<String> collected = vault.send("POST", "/v1/subjects/" + subject + "/records",
                        "dev-collector-key", Map.of("category", "customer_service", "purpose", "customer_service",
                                "source", "subject", "fields", Map.of("contact_information", contact,
                                        "communication_record", note)));
                assertThat(collected.statusCode()).isEqualTo(201);
                JSON.readTree(collected.body()).get("tokens").forEach(t -> tokens.add(t.asText()));

                try {
                    vault.send("DELETE", "/v1/subjects/" + subject, "dev-privacy-officer-key", null);
                } catch (IOException halted) {
                    // the vault halted mid-request, as intended
                }
                assertThat(vault.process.waitFor(30, TimeUnit.SECONDS)).as("halted after " + step).isTrue();
                assertThat(vault.process.exitValue()).isEqualTo(137);
            }

            try (Vault restarted = new Vault(schema, null)) {
                DriverManagerDataSource ds = new DriverManagerDataSource(
                        TestDatabase.BASE_URL + "?currentSchema=" + schema, TestDatabase.USER, "");
                JdbcTemplate jdbc = new JdbcTemplate(ds);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND payload_type LIKE '%.DataSubjectErased'", Long.class, subject))
                        .as("exactly one tombstone").isEqualTo(1);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND payload_type LIKE '%.ErasureRequested'", Long.class, subject)).isEqualTo(1);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?::uuid"
                        + " AND wrapped IS NOT NULL", Long.class, subject)).as("no key").isZero();
                assertThat(PlaintextScanner.findIn(jdbc, List.of(contact, note, "1980-01-02"))).as("no plaintext")
                        .isEmpty();
                for (String token : tokens) {
                    HttpResponse<String> read = restarted.send("POST", "/v1/detokenize", "dev-customer-service-key",
                            Map.of("tokens", List.of(token), "purpose", token.equals(tokens.get(0)) ? "membership"
                                    : "customer_service"));
                    assertThat(read.statusCode()).isEqualTo(410);
                    assertThat(read.body()).doesNotContain(contact).doesNotContain(note);
                }
                JsonNode receipt = JSON.readTree(restarted.get("/v1/subjects/" + subject + "/erasure",
                        "dev-auditor-key").body());
                assertThat(receipt.get("status").asText()).isEqualTo("ERASED");
            }
        } finally {
            TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
