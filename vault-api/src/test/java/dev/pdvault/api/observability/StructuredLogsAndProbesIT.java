package dev.pdvault.api.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.PlaintextScanner;
import dev.pdvault.api.TestDatabase;
import dev.pdvault.api.VaultApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vault in a process of its own, logging JSON (ECS) as production would: the test classpath's
 * logback-test.xml is left out so Spring Boot's structured logging applies, at debug level for the vault, Axon,
 * Spring web and JDBC. Its database connection runs through a {@link TcpProxy} the test can cut.
 */
class StructuredLogsAndProbesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String schema;
    private static TcpProxy database;
    private static Process vault;
    private static Path log;
    private static String base;

    @BeforeAll
    static void startVault() throws Exception {
        schema = "obs_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        TestDatabase.execute("CREATE SCHEMA " + schema);
        URI server = URI.create(TestDatabase.BASE_URL.substring("jdbc:".length()));
        database = new TcpProxy(server.getHost(), server.getPort() == -1 ? 5432 : server.getPort());
        Path home = Files.createTempDirectory("pdvault-obs");
        log = home.resolve("vault.log");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
        vault = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daxoniq.update-checker.disabled=true", "-Xmx512m", "-cp", classpath,
                VaultApplication.class.getName(),
                "--server.port=" + port,
                "--vault.embedded-postgres.enabled=false",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + database.port() + server.getPath()
                        + "?currentSchema=" + schema,
                "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.datasource.hikari.connection-timeout=3000",
                "--spring.flyway.schemas=" + schema,
                "--vault.kek.local-keyset-file=" + home.resolve("kek.json"),
                "--logging.structured.format.console=ecs",
                "--logging.level.dev.pdvault=DEBUG", "--logging.level.org.axonframework=DEBUG",
                "--logging.level.org.springframework.web=DEBUG",
                "--logging.level.org.springframework.jdbc.core=DEBUG")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        base = "http://127.0.0.1:" + port;
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            assertThat(vault.isAlive()).as("the vault runs").isTrue();
            assertThat(Instant.now()).as("the vault is ready within 120 s").isBefore(deadline);
            try {
                if (send("GET", "/actuator/health/readiness", null, null, Map.of()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stopVault() throws Exception {
        if (vault != null) {
            vault.destroy();
            if (!vault.waitFor(30, TimeUnit.SECONDS)) {
                vault.destroyForcibly().waitFor();
            }
        }
        if (database != null) {
            database.close();
        }
        TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void logsAreJsonWithTheRequestsCorrelationIdAndNoPlantedValue() throws Exception {
        String name = plant("Zhou Min");
        String address = plant("Room 88 Xuhui");
        String corrected = plant("Room 99 Minhang");
        String phone = "+86 137 " + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String birthDate = "1979-0" + (1 + ThreadLocalRandom.current().nextInt(8)) + "-2"
                + ThreadLocalRandom.current().nextInt(9);
        String badInput = plant("Sun Li");
        String headerValue = plant("Qian Hao");
        List<String> planted = List.of(name, address, corrected, phone, birthDate, badInput, headerValue);

        String requestId = UUID.randomUUID().toString();
        HttpResponse<String> registered = send("POST", "/v1/subjects", "dev-collector-key",
                Map.of("region", "CN", "birthDate", birthDate), Map.of("X-Request-Id", requestId));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(registered.headers().firstValue("X-Request-Id")).contains(requestId);
        String subject = JSON.readTree(registered.body()).get("subjectId").asText();

        HttpResponse<String> collected = send("POST", "/v1/subjects/" + subject + "/records", "dev-collector-key",
                Map.of("category", "order", "purpose", "delivery", "source", "subject", "fields",
                        Map.of("consignee_name", name, "address", address, "consignee_phone", phone)), Map.of());
        assertThat(collected.statusCode()).as(collected.body()).isEqualTo(201);
        JsonNode tokens = JSON.readTree(collected.body()).get("tokens");
        String nameToken = tokens.get("consignee_name").asText();
        assertThat(send("PUT", "/v1/tokens/" + tokens.get("address").asText(), "dev-collector-key",
                Map.of("value", corrected), Map.of()).statusCode()).isEqualTo(204);
        HttpResponse<String> read = send("POST", "/v1/detokenize", "dev-logistics-key", Map.of("tokens",
                List.of(nameToken, tokens.get("address").asText(), tokens.get("consignee_phone").asText()),
                "purpose", "delivery"), Map.of());
        assertThat(read.body()).contains(name, corrected, phone);

        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> denied = send("POST", "/v1/detokenize", "dev-payment-key",
                Map.of("tokens", List.of(nameToken), "purpose", "payment"),
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("X-Request-Id")).contains(traceId);
        assertThat(JSON.readTree(denied.body()).get("requestId").asText()).isEqualTo(traceId);

        HttpResponse<String> malformed = send("POST", "/v1/subjects/" + subject + "/records", "dev-collector-key",
                "{\"category\":\"order\",\"fields\":{\"consignee_name\":\"" + badInput + "\"", Map.of());
        HttpResponse<String> unknownProperty = send("POST", "/v1/subjects", "dev-collector-key",
                Map.of("region", "CN", "nickname", badInput), Map.of());
        HttpResponse<String> invalidField = send("POST", "/v1/subjects/" + subject + "/records", "dev-collector-key",
                Map.of("category", "order", "purpose", "delivery", "source", "subject",
                        "fields", Map.of("postal_code", badInput)), Map.of());
        HttpResponse<String> unknownCategory = send("POST", "/v1/subjects/" + subject + "/records",
                "dev-collector-key", Map.of("category", badInput, "purpose", "delivery", "source", "subject",
                        "fields", Map.of("consignee_name", badInput)), Map.of());
        HttpResponse<String> unknownPurpose = send("POST", "/v1/detokenize", "dev-logistics-key",
                Map.of("tokens", List.of(nameToken), "purpose", badInput), Map.of());
        HttpResponse<String> unauthenticated = send("POST", "/v1/detokenize", badInput,
                Map.of("tokens", List.of(nameToken), "purpose", "delivery"), Map.of());
        for (HttpResponse<String> problem : List.of(malformed, unknownProperty, invalidField, unknownCategory,
                unknownPurpose, unauthenticated)) {
            assertThat(problem.statusCode()).as(problem.body()).isBetween(400, 499);
            JsonNode body = JSON.readTree(problem.body());
            assertThat(body.get("requestId").asText()).as("problem carries the id of its response")
                    .isEqualTo(problem.headers().firstValue("X-Request-Id").orElseThrow());
            assertThat(problem.body()).doesNotContain(badInput);
        }

        HttpResponse<String> unusableHeader = send("GET", "/v1/subjects/" + UUID.randomUUID() + "/history",
                "dev-auditor-key", null, Map.of("X-Request-Id", headerValue));
        String replaced = unusableHeader.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(replaced).isNotEqualTo(headerValue).matches("[0-9a-f-]{36}");

        assertThat(send("DELETE", "/v1/subjects/" + subject, "dev-privacy-officer-key", null, Map.of())
                .statusCode()).isEqualTo(200);
        assertThat(send("POST", "/v1/detokenize", "dev-logistics-key",
                Map.of("tokens", List.of(nameToken), "purpose", "delivery"), Map.of()).statusCode()).isEqualTo(410);

        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        List<JsonNode> entries = new ArrayList<>();
        for (String line : lines) {
            assertThat(line).as("every log line is a JSON object").startsWith("{");
            entries.add(JSON.readTree(line));
        }
        assertThat(entries).allSatisfy(e -> assertThat(e.has("@timestamp") && e.path("log").has("level")
                && e.has("message")).as(e.toString()).isTrue());
        assertThat(entries).as("the logs scanned are the verbose ones").anySatisfy(e ->
                assertThat(e.get("message").asText()).contains("Executing prepared SQL"));
        assertThat(entries).as("lines of the request with the caller's X-Request-Id carry it").anySatisfy(e ->
                assertThat(e.path("requestId").asText()).isEqualTo(requestId));
        assertThat(entries).as("lines of the request with a traceparent carry its trace id").anySatisfy(e ->
                assertThat(e.path("requestId").asText()).isEqualTo(traceId));
        assertThat(entries).anySatisfy(e -> assertThat(e.path("requestId").asText()).isEqualTo(replaced));
        assertThat(PlaintextScanner.findInText(String.join("\n", lines), planted)).isEmpty();
    }

    @Test
    void livenessStaysUpAndReadinessGoesOutOfServiceWhileTheDatabaseCannotBeReached() throws Exception {
        assertThat(status("/actuator/health/liveness")).isEqualTo("200 UP");
        assertThat(status("/actuator/health/readiness")).isEqualTo("200 UP");

        database.cut();
        try {
            awaitStatus("/actuator/health/readiness", "503 OUT_OF_SERVICE", 60);
            assertThat(status("/actuator/health/liveness")).isEqualTo("200 UP");
        } finally {
            database.restore();
        }
        awaitStatus("/actuator/health/readiness", "200 UP", 90);
        assertThat(status("/actuator/health/liveness")).isEqualTo("200 UP");
    }

    private static void awaitStatus(String path, String expected, int seconds) throws Exception {
        Instant deadline = Instant.now().plusSeconds(seconds);
        String last = status(path);
        while (!last.equals(expected)) {
            assertThat(Instant.now()).as(path + " is " + expected + " within " + seconds + " s; last " + last)
                    .isBefore(deadline);
            Thread.sleep(500);
            last = status(path);
        }
    }

    private static String status(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null, null, Map.of());
        return response.statusCode() + " " + JSON.readTree(response.body()).path("status").asText();
    }

    private static HttpResponse<String> send(String method, String path, String key, Object body,
                                             Map<String, String> headers) throws Exception {
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String plant(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    }
}
