package dev.pdvault.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The base of every integration test: the whole vault on a random port, on the real PostgreSQL (one schema
 * per test run, see {@link TestDatabase}), with the development identities, JWTs of a test issuer
 * ({@link TestTokens}), and a {@link TestClock} that keeps the real time unless a test moves it. All ITs share
 * one context.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "vault.embedded-postgres.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
@Import(TestClock.Configuration.class)
public abstract class VaultIntegrationTest {

    public static final String COLLECTOR = "dev-collector-key";
    public static final String LOGISTICS = "dev-logistics-key";
    public static final String PAYMENT = "dev-payment-key";
    public static final String CUSTOMER_SERVICE = "dev-customer-service-key";
    public static final String PRIVACY_OFFICER = "dev-privacy-officer-key";
    public static final String AUDITOR = "dev-auditor-key";
    public static final String SECURITY_OFFICER = "dev-security-officer-key";
    public static final String MARKETING = "dev-marketing-key";
    public static final String ORDER_SERVICE = "dev-order-service-key";
    public static final String VERIFIER = "dev-verifier-key";
    public static final String COURIER = "dev-courier-key";
    public static final String BANK = "dev-bank-key";
    public static final String LEGAL = "dev-legal-key";
    public static final String OVERSEAS_SUPPORT = "dev-overseas-support-key";

    private static final Path KEK;

    static {
        try {
            KEK = Files.createTempDirectory("pdvault-it").resolve("kek.json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.flyway.schemas", () -> TestDatabase.SCHEMA);
        registry.add("vault.kek.local-keyset-file", KEK::toString);
        registry.add("vault.security.jwt.issuer", () -> TestTokens.ISSUER);
        registry.add("vault.security.jwt.audiences", () -> TestTokens.AUDIENCE);
        registry.add("vault.security.jwt.public-key-location",
                () -> TestTokens.TRUSTED.publicKeyFile().toUri().toString());
        registry.add("vault.security.rate-limit.identities.rate-probe.requests", () -> "3");
        registry.add("vault.security.rate-limit.identities.rate-probe.per", () -> "PT1H");
        registry.add("vault.security.rate-limit.identities.rate-probe.burst", () -> "3");
        registry.add("vault.security.rate-limit.identities.rate-probe-detokenizer.requests", () -> "2");
        registry.add("vault.security.rate-limit.identities.rate-probe-detokenizer.per", () -> "PT1H");
        registry.add("vault.security.rate-limit.identities.rate-probe-detokenizer.burst", () -> "2");
    }

    @LocalServerPort
    protected int port;
    @Autowired
    private TestClock sharedClock;

    /** A test that moved the vault's clock leaves it at the real time for the next one. */
    @org.junit.jupiter.api.AfterEach
    void resetTheClock() {
        sharedClock.reset();
    }
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ObjectMapper json;

    protected final HttpClient http = HttpClient.newHttpClient();

    public record Response(int status, String body, JsonNode json, Map<String, java.util.List<String>> headers) {
        public String type() {
            return json == null ? null : json.path("type").asText(null);
        }
    }

    protected Response call(String method, String path, String apiKey, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            String text = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
            request.method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = null;
            if (!response.body().isEmpty() && response.headers().firstValue("Content-Type").orElse("")
                    .contains("json")) {
                parsed = json.readTree(response.body());
            }
            return new Response(response.statusCode(), response.body(), parsed, response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected String register(String region) {
        Response r = call("POST", "/v1/subjects", COLLECTOR, Map.of("region", region));
        if (r.status() != 201) {
            throw new AssertionError("register failed: " + r.status() + " " + r.body());
        }
        return r.json().get("subjectId").asText();
    }

    /** Collects a record and returns field → token. */
    protected Map<String, String> collect(String subject, String category, String purpose, Map<String, String> fields) {
        Response r = call("POST", "/v1/subjects/" + subject + "/records", COLLECTOR,
                Map.of("category", category, "purpose", purpose, "source", "subject", "fields", fields));
        if (r.status() != 201) {
            throw new AssertionError("collect failed: " + r.status() + " " + r.body());
        }
        return json.convertValue(r.json().get("tokens"), new com.fasterxml.jackson.core.type.TypeReference<>() {
        });
    }

    protected Response detokenize(String apiKey, String purpose, String... tokens) {
        return call("POST", "/v1/detokenize", apiKey, Map.of("tokens", java.util.List.of(tokens), "purpose", purpose));
    }

    protected long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /**
     * Events but the security signals: a request refused by authentication, role or rate limit records an
     * {@code AccessDenied} (or is counted into one), by design; "nothing stored" means nothing else.
     */
    protected long eventCountBesidesSecuritySignals() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry"
                + " WHERE payload_type NOT LIKE 'dev.pdvault.domain.security.api.%'", Long.class);
    }

    /** A value no other test uses, to plant and search for. */
    protected static String plant(String prefix) {
        return prefix + " " + java.util.UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    }
}
