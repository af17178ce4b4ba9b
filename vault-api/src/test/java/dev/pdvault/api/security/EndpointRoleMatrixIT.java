package dev.pdvault.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.TestDatabase;
import dev.pdvault.api.TestTokens;
import dev.pdvault.api.VaultApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.pdvault.api.security.Role.AUDITOR;
import static dev.pdvault.api.security.Role.COLLECTOR;
import static dev.pdvault.api.security.Role.DETOKENIZER;
import static dev.pdvault.api.security.Role.LEGAL;
import static dev.pdvault.api.security.Role.PRIVACY_OFFICER;
import static dev.pdvault.api.security.Role.SECURITY_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint × role matrix, deny by default, on a vault of its own in production mode (JWTs of a test issuer,
 * API keys off). Every route Spring MVC maps under {@code /v1} is called with a token of each single role, with
 * no credential and with a forged token, and the outcome compared with {@link #EXPECTED}, written here apart from
 * the code: a route missing from the table fails the test, so an endpoint added later must be placed in it.
 */
class EndpointRoleMatrixIT {

    private static final Set<Role> ALL = EnumSet.allOf(Role.class);

    /** Route → the roles it admits. */
    private static final Map<String, Set<Role>> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /v1/detokenize", ALL),
            Map.entry("POST /v1/shares", EnumSet.of(DETOKENIZER, COLLECTOR, PRIVACY_OFFICER, LEGAL)),
            Map.entry("POST /v1/statistics", EnumSet.of(DETOKENIZER, PRIVACY_OFFICER)),
            Map.entry("POST /v1/disclosures", EnumSet.of(PRIVACY_OFFICER, LEGAL)),
            Map.entry("POST /v1/transfers", EnumSet.of(PRIVACY_OFFICER, LEGAL)),

            Map.entry("POST /v1/subjects", EnumSet.of(COLLECTOR)),
            Map.entry("POST /v1/subjects/{subjectId}/records", EnumSet.of(COLLECTOR)),
            Map.entry("DELETE /v1/subjects/{subjectId}", EnumSet.of(PRIVACY_OFFICER)),
            Map.entry("GET /v1/subjects/{subjectId}/erasure", EnumSet.of(PRIVACY_OFFICER, AUDITOR)),
            Map.entry("GET /v1/subjects/{subjectId}/history", EnumSet.of(PRIVACY_OFFICER, AUDITOR)),
            Map.entry("PUT /v1/tokens/{token}", EnumSet.of(COLLECTOR, PRIVACY_OFFICER)),
            Map.entry("PUT /v1/subjects/{subjectId}/password", EnumSet.of(COLLECTOR)),
            Map.entry("POST /v1/subjects/{subjectId}/password/verification", EnumSet.of(COLLECTOR, DETOKENIZER)),

            Map.entry("POST /v1/subjects/{subjectId}/consents", EnumSet.of(COLLECTOR, PRIVACY_OFFICER)),
            Map.entry("DELETE /v1/subjects/{subjectId}/consents/{purpose}", EnumSet.of(COLLECTOR, PRIVACY_OFFICER)),
            Map.entry("GET /v1/subjects/{subjectId}/consents", EnumSet.of(COLLECTOR, PRIVACY_OFFICER, AUDITOR)),
            Map.entry("PUT /v1/subjects/{subjectId}/opt-outs/{optOut}", EnumSet.of(COLLECTOR, PRIVACY_OFFICER)),
            Map.entry("DELETE /v1/subjects/{subjectId}/opt-outs/{optOut}", EnumSet.of(COLLECTOR, PRIVACY_OFFICER)),
            Map.entry("GET /v1/subjects/{subjectId}/opt-outs", EnumSet.of(COLLECTOR, PRIVACY_OFFICER, AUDITOR)),

            Map.entry("POST /v1/subjects/{subjectId}/records/{collectionId}/completion", EnumSet.of(COLLECTOR)),
            Map.entry("POST /v1/subjects/{subjectId}/legal-holds", EnumSet.of(LEGAL)),
            Map.entry("DELETE /v1/subjects/{subjectId}/legal-holds/{holdId}", EnumSet.of(LEGAL)),
            Map.entry("GET /v1/subjects/{subjectId}/legal-holds", EnumSet.of(LEGAL, PRIVACY_OFFICER, AUDITOR)),
            Map.entry("POST /v1/retention/sweep", EnumSet.of(PRIVACY_OFFICER, SECURITY_OFFICER)),

            Map.entry("POST /v1/subjects/{subjectId}/requests", EnumSet.of(COLLECTOR, PRIVACY_OFFICER)),
            Map.entry("GET /v1/requests/{requestId}", EnumSet.of(COLLECTOR, PRIVACY_OFFICER, AUDITOR)),
            Map.entry("GET /v1/requests", EnumSet.of(PRIVACY_OFFICER, AUDITOR)),
            Map.entry("POST /v1/requests/{requestId}/identity-verification", EnumSet.of(PRIVACY_OFFICER)),
            Map.entry("POST /v1/requests/{requestId}/fulfilment", EnumSet.of(PRIVACY_OFFICER)),
            Map.entry("POST /v1/requests/{requestId}/refusal", EnumSet.of(PRIVACY_OFFICER)),
            Map.entry("POST /v1/requests/{requestId}/appeal", EnumSet.of(COLLECTOR)),

            Map.entry("POST /v1/policy/versions", EnumSet.of(PRIVACY_OFFICER)),
            Map.entry("GET /v1/policy/versions", ALL),

            Map.entry("GET /v1/keys", EnumSet.of(SECURITY_OFFICER, AUDITOR)),
            Map.entry("GET /v1/keys/kek-versions", EnumSet.of(SECURITY_OFFICER, AUDITOR)),
            Map.entry("POST /v1/keys/kek/rotation", EnumSet.of(SECURITY_OFFICER)),
            Map.entry("POST /v1/keys/kek/rewrap", EnumSet.of(SECURITY_OFFICER)),
            Map.entry("GET /v1/keys/kek/rewrap", EnumSet.of(SECURITY_OFFICER, AUDITOR)),
            Map.entry("POST /v1/keys/kek/{version}/state", EnumSet.of(SECURITY_OFFICER)),
            Map.entry("DELETE /v1/keys/kek/{version}", EnumSet.of(SECURITY_OFFICER)),
            Map.entry("POST /v1/keys/epochs", EnumSet.of(SECURITY_OFFICER)),
            Map.entry("POST /v1/keys/data-keys/rotation", EnumSet.of(SECURITY_OFFICER)),
            Map.entry("POST /v1/keys/data-keys/{subjectId}/rotation", EnumSet.of(SECURITY_OFFICER)),
            Map.entry("GET /v1/keys/data-keys/{subjectId}", EnumSet.of(SECURITY_OFFICER, AUDITOR)),

            Map.entry("GET /v1/feed", EnumSet.of(DETOKENIZER)),
            Map.entry("GET /v1/ledger/status", EnumSet.of(AUDITOR, SECURITY_OFFICER)),
            Map.entry("GET /v1/auditor/session", EnumSet.of(AUDITOR)),
            Map.entry("GET /v1/auditor/tokens/{token}", EnumSet.of(AUDITOR)),
            Map.entry("POST /v1/ledger/checkpoints", EnumSet.of(AUDITOR, SECURITY_OFFICER)),
            Map.entry("GET /v1/ledger/checkpoints", EnumSet.of(AUDITOR, SECURITY_OFFICER)),
            Map.entry("GET /v1/ledger/public-key", EnumSet.of(AUDITOR, SECURITY_OFFICER)),
            Map.entry("GET /v1/ledger/proofs/consistency", EnumSet.of(AUDITOR, SECURITY_OFFICER)),
            Map.entry("GET /v1/ledger/proofs/inclusion", EnumSet.of(AUDITOR, SECURITY_OFFICER)),
            Map.entry("POST /v1/projections/rebuild", EnumSet.of(SECURITY_OFFICER)),
            Map.entry("GET /v1/projections/digest", EnumSet.of(AUDITOR, SECURITY_OFFICER)),

            Map.entry("GET /v1/reports/subjects/{subjectId}/accesses", EnumSet.of(AUDITOR, PRIVACY_OFFICER)),
            Map.entry("GET /v1/reports/subjects/{subjectId}/holdings", EnumSet.of(AUDITOR, PRIVACY_OFFICER)),
            Map.entry("GET /v1/reports/callers/{caller}/accesses", EnumSet.of(AUDITOR, PRIVACY_OFFICER)),
            Map.entry("GET /v1/reports/recipients/{recipient}/received", EnumSet.of(AUDITOR, PRIVACY_OFFICER))));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

    @Test
    void everyRouteAdmitsExactlyTheRolesOfTheMatrixAndNobodyWithoutAValidToken() throws Exception {
        String schema = "matrix_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        TestDatabase.execute("CREATE SCHEMA " + schema);
        Path kek = Files.createTempDirectory("pdvault-matrix").resolve("kek.json");
        try (ConfigurableApplicationContext vault = new SpringApplicationBuilder(VaultApplication.class).run(
                "--server.port=0",
                "--vault.embedded-postgres.enabled=false",
                "--spring.datasource.url=" + TestDatabase.BASE_URL + "?currentSchema=" + schema,
                "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.flyway.schemas=" + schema,
                "--vault.kek.local-keyset-file=" + kek,
                "--vault.security.api-keys.enabled=false",
                "--vault.security.jwt.issuer=" + TestTokens.ISSUER,
                "--vault.security.jwt.audiences=" + TestTokens.AUDIENCE,
                "--vault.security.jwt.public-key-location=" + TestTokens.TRUSTED.publicKeyFile().toUri())) {
            String base = "http://127.0.0.1:" + vault.getEnvironment().getProperty("local.server.port");

            Set<String> routes = new TreeSet<>();
            RequestMappingHandlerMapping mapping = vault.getBean("requestMappingHandlerMapping",
                    RequestMappingHandlerMapping.class);
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                List<String> names = methods.isEmpty() ? List.of("GET", "POST", "PUT", "DELETE")
                        : methods.stream().map(Enum::name).toList();
                for (String pattern : info.getPatternValues()) {
                    if (pattern.startsWith("/v1/") && !pattern.startsWith("/v1/openapi")) {
                        names.forEach(method -> routes.add(method + " " + pattern));
                    }
                }
            }
            assertThat(routes).as("the sweep found the API").hasSizeGreaterThan(40).contains("POST /v1/detokenize");
            assertThat(routes).as("every route is in the matrix (deny by default: place a new endpoint in it)")
                    .isSubsetOf(EXPECTED.keySet());
            assertThat(EXPECTED.keySet()).as("no route of the matrix is gone").isSubsetOf(routes);

            String forged = TestTokens.OTHER.withRoles("matrix-forger", List.of("SECURITY_OFFICER"), List.of());
            List<String> wrong = new ArrayList<>();
            int calls = 0;
            for (String route : routes) {
                String method = route.substring(0, route.indexOf(' '));
                String path = fill(route.substring(route.indexOf(' ') + 1));
                for (String credential : new String[]{null, forged}) {
                    HttpResponse<String> response = send(base, method, path, credential);
                    calls++;
                    if (response.statusCode() != 401 || !type(response).endsWith("/unauthenticated")) {
                        wrong.add(route + (credential == null ? " without a token" : " with a forged token")
                                + " -> " + response.statusCode());
                    }
                }
                for (Role role : Role.values()) {
                    String token = TestTokens.TRUSTED.withRoles("matrix-" + role.name().toLowerCase().replace('_', '-'),
                            List.of(role.name()), role == DETOKENIZER ? List.of("delivery") : List.of());
                    HttpResponse<String> response = send(base, method, path, token);
                    calls++;
                    boolean refusedByRole = response.statusCode() == 403 && type(response).endsWith("/role-not-permitted");
                    boolean admitted = EXPECTED.get(route).contains(role);
                    if (admitted == refusedByRole || response.statusCode() == 401 || response.statusCode() == 429) {
                        wrong.add(route + " as " + role + " -> " + response.statusCode() + " " + type(response)
                                + (admitted ? " (should be admitted)" : " (should be refused by role)"));
                    }
                }
            }
            assertThat(wrong).as("cells of the matrix that differ (of %d calls)", calls).isEmpty();
        } finally {
            TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static String type(HttpResponse<String> response) {
        try {
            JsonNode problem = JSON.readTree(response.body());
            return problem.path("type").asText("");
        } catch (Exception e) {
            return "";
        }
    }

    private static String fill(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).toLowerCase();
            String value = name.contains("token") ? "tok_0123456789abcdefghjkmnpqrs"
                    : "0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f";
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static HttpResponse<String> send(String base, String method, String path, String token) throws Exception {
        String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
