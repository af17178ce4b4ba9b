package dev.pdvault.api.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.TestDatabase;
import dev.pdvault.api.VaultApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic rotation at a low threshold, and a count that survives a restart: a vault in a JVM of its own with
 * {@code vault.crypto.max-encryptions-per-key=1000} seals 5,000 values of one subject (1,250 records of 4 fields)
 * under at least 5 key versions, each sealing at most 1,000, and every value still opens. The vault is then
 * killed (as kill -9) and started again: it reads the count from the database, so the very next seal rotates the
 * key that already sealed 1,000 values instead of using it again.
 */
class DataKeyRotationRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int RECORDS = 1250;
    private static final int LIMIT = 1000;

    @TempDir
    Path home;

    private final class Vault implements AutoCloseable {
        final Process process;
        final int port;

        Vault(String schema) throws Exception {
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
                    "--vault.crypto.max-encryptions-per-key=" + LIMIT,
                    "--logging.level.root=WARN", "--logging.level.dev.pdvault=INFO"));
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("vault-" + port + ".log").toFile()).start();
            Instant deadline = Instant.now().plusSeconds(90);
            while (Instant.now().isBefore(deadline)) {
                assertThat(process.isAlive()).as("the vault started").isTrue();
                try {
                    if (send("GET", "/actuator/health", null, null).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the vault did not start in 90 s");
        }

        HttpResponse<String> send(String method, String path, String key, Object body) throws Exception {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .timeout(Duration.ofSeconds(30));
            if (key != null) {
                r.header("Authorization", "Bearer " + key);
            }
            if (body != null) {
                r.header("Content-Type", "application/json");
            }
            return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        }

        Map<String, String> collectOrder(String subject, int i) throws Exception {
            HttpResponse<String> r = send("POST", "/v1/subjects/" + subject + "/records", "dev-collector-key",
                    Map.of("category", "order", "purpose", "delivery", "source", "subject", "fields",
                            Map.of("consignee_name", "Li Na " + i, "address", i + " Nanjing Road, Shanghai",
                                    "postal_code", "100022", "consignee_phone", "+86 139 1234 5678")));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            Map<String, String> tokens = new HashMap<>();
            JSON.readTree(r.body()).get("tokens").fields().forEachRemaining(e -> tokens.put(e.getKey(),
                    e.getValue().asText()));
            return tokens;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void fiveThousandSealsAtAThresholdOfOneThousandMakeFiveKeyVersionsAndTheCountSurvivesARestart()
            throws Exception {
        String schema = "dek_rotation_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        TestDatabase.execute("CREATE SCHEMA " + schema);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                    TestDatabase.BASE_URL + "?currentSchema=" + schema, TestDatabase.USER, ""));
            String subject;
            Map<String, String> expected = new HashMap<>();
            try (Vault vault = new Vault(schema)) {
                HttpResponse<String> registered = vault.send("POST", "/v1/subjects", "dev-collector-key",
                        Map.of("region", "CN"));
                subject = JSON.readTree(registered.body()).get("subjectId").asText();
                for (int i = 0; i < RECORDS; i++) {
                    Map<String, String> tokens = vault.collectOrder(subject, i);
                    expected.put(tokens.get("consignee_name"), "Li Na " + i);
                    expected.put(tokens.get("address"), i + " Nanjing Road, Shanghai");
                    expected.put(tokens.get("postal_code"), "100022");
                    expected.put(tokens.get("consignee_phone"), "+86 139 1234 5678");
                }
                assertThat(expected).hasSize(5000);

                List<Long> counts = jdbc.queryForList("SELECT encryptions FROM data_key_usage WHERE subject_id ="
                        + " ?::uuid AND key_class = 'transaction' ORDER BY first_used_at, key_id", Long.class, subject);
                assertThat(counts).as("key versions that sealed").hasSizeGreaterThanOrEqualTo(5);
                assertThat(counts).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(LIMIT));
                assertThat(counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(5000);
                assertThat(keyVersion(jdbc, subject)).isGreaterThanOrEqualTo(5);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND payload_type LIKE '%.DataKeyRotated'"
                        + " AND convert_from(payload, 'UTF8')::jsonb ->> 'reason' = 'THRESHOLD'", Long.class,
                        "data-keys-" + subject)).as("rotations recorded").isGreaterThanOrEqualTo(4);
                assertThat(jdbc.queryForObject("SELECT count(DISTINCT (get_byte(sealed, 2)::bigint << 24)"
                        + " | (get_byte(sealed, 3) << 16) | (get_byte(sealed, 4) << 8) | get_byte(sealed, 5))"
                        + " FROM token_ref WHERE subject_id = ?::uuid", Long.class, subject))
                        .as("key ids in the sealed values").isGreaterThanOrEqualTo(5);

                List<String> tokens = new ArrayList<>(expected.keySet());
                for (int from = 0; from < tokens.size(); from += 1000) {
                    List<String> chunk = tokens.subList(from, Math.min(tokens.size(), from + 1000));
                    HttpResponse<String> read = vault.send("POST", "/v1/detokenize", "dev-logistics-key",
                            Map.of("tokens", chunk, "purpose", "delivery"));
                    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                    JsonNode values = JSON.readTree(read.body()).get("values");
                    for (String token : chunk) {
                        assertThat(values.path(token).asText()).isEqualTo(expected.get(token));
                    }
                }
                vault.kill();
            }

            long versionBefore = keyVersion(jdbc, subject);
            long primaryBefore = jdbc.queryForObject("SELECT primary_key_id FROM data_key WHERE subject_id = ?::uuid"
                    + " AND key_class = 'transaction'", Long.class, subject);
            try (Vault restarted = new Vault(schema)) {
                JsonNode keys = JSON.readTree(restarted.send("GET", "/v1/keys/data-keys/" + subject,
                        "dev-security-officer-key", null).body());
                long total = 0;
                long primaryCount = -1;
                for (JsonNode usage : keys.get("usage")) {
                    total += usage.get("encryptions").asLong();
                    if (usage.get("keyId").asLong() == primaryBefore) {
                        primaryCount = usage.get("encryptions").asLong();
                    }
                }
                assertThat(total).as("the count after the restart").isEqualTo(5000);
                assertThat(primaryCount).isEqualTo(LIMIT);

                Map<String, String> next = restarted.collectOrder(subject, RECORDS);

                assertThat(keyVersion(jdbc, subject)).as("rotated before the next seal").isEqualTo(versionBefore + 1);
                long primaryAfter = jdbc.queryForObject("SELECT primary_key_id FROM data_key WHERE subject_id ="
                        + " ?::uuid AND key_class = 'transaction'", Long.class, subject);
                assertThat(primaryAfter).isNotEqualTo(primaryBefore);
                assertThat(jdbc.queryForObject("SELECT encryptions FROM data_key_usage WHERE subject_id = ?::uuid"
                        + " AND key_class = 'transaction' AND key_id = ?", Long.class, subject, primaryAfter))
                        .isEqualTo(4);
                assertThat(jdbc.queryForObject("SELECT encryptions FROM data_key_usage WHERE subject_id = ?::uuid"
                        + " AND key_class = 'transaction' AND key_id = ?", Long.class, subject, primaryBefore))
                        .as("the old key sealed nothing more").isEqualTo(LIMIT);
                HttpResponse<String> read = restarted.send("POST", "/v1/detokenize", "dev-logistics-key",
                        Map.of("tokens", List.of(next.get("consignee_name"), expected.keySet().iterator().next()),
                                "purpose", "delivery"));
                assertThat(read.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(read.body()).get("values").path(next.get("consignee_name")).asText())
                        .isEqualTo("Li Na " + RECORDS);
            }
        } finally {
            TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static long keyVersion(JdbcTemplate jdbc, String subject) {
        return jdbc.queryForObject("SELECT key_version FROM data_key WHERE subject_id = ?::uuid"
                + " AND key_class = 'transaction'", Long.class, subject);
    }
}
