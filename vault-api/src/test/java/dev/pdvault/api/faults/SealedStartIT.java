package dev.pdvault.api.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.TestDatabase;
import dev.pdvault.api.VaultApplication;
import dev.pdvault.api.kms.StandInTransit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sealed start: a vault whose KEK (Vault Transit) cannot be reached starts anyway, sealed. Every route Spring
 * MVC maps (each method and path, path variables filled) and every actuator endpoint but health answers 503
 * {@code vault-sealed} naming the cause, with and without an API key; health says OUT_OF_SERVICE and why, and
 * liveness stays UP. Once the Transit stand-in listens, the periodic retry unseals the vault and a collection is
 * wrapped by Transit.
 */
class SealedStartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

    private record Route(String method, String path) implements Comparable<Route> {
        @Override
        public int compareTo(Route o) {
            return (path + " " + method).compareTo(o.path + " " + o.method);
        }
    }

    @Test
    void aVaultWithoutItsKekIsSealedOnEveryRouteButHealthAndUnsealsWhenTheKekComesBack() throws Exception {
        int transitPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            transitPort = socket.getLocalPort();
        }
        String schema = "sealed_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        TestDatabase.execute("CREATE SCHEMA " + schema);
        StandInTransit transit = new StandInTransit("pdvault-kek", 1);
        try (ConfigurableApplicationContext vault = new SpringApplicationBuilder(VaultApplication.class).run(
                "--server.port=0",
                "--vault.embedded-postgres.enabled=false",
                "--spring.datasource.url=" + TestDatabase.BASE_URL + "?currentSchema=" + schema,
                "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.flyway.schemas=" + schema,
                "--vault.kek.provider=vault-transit",
                "--vault.kek.transit.uri=http://127.0.0.1:" + transitPort,
                "--vault.kek.transit.key=pdvault-kek",
                "--vault.kek.transit.token=" + StandInTransit.TOKEN,
                "--vault.kek.unseal-retry=PT1S",
                "--vault.kek.timeout=PT2S")) {
            String base = "http://127.0.0.1:" + vault.getEnvironment().getProperty("local.server.port");

            Set<Route> routes = new TreeSet<>();
            RequestMappingHandlerMapping mapping = vault.getBean("requestMappingHandlerMapping",
                    RequestMappingHandlerMapping.class);
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                List<String> names = methods.isEmpty() ? List.of("GET", "POST", "PUT", "DELETE")
                        : methods.stream().map(Enum::name).toList();
                for (String pattern : info.getPatternValues()) {
                    for (String method : names) {
                        routes.add(new Route(method, fill(pattern)));
                    }
                }
            }
            for (String actuator : List.of("/actuator", "/actuator/prometheus", "/actuator/info")) {
                routes.add(new Route("GET", actuator));
            }
            assertThat(routes).as("the sweep found the API").hasSizeGreaterThan(40)
                    .contains(new Route("POST", "/v1/detokenize"));

            List<String> answered = new ArrayList<>();
            for (Route route : routes) {
                for (String key : new String[]{null, "dev-privacy-officer-key"}) {
                    HttpResponse<String> response = send(base, route.method(), route.path(), key);
                    if (response.statusCode() != 503 || !response.body().contains("vault-sealed")) {
                        answered.add(route + " -> " + response.statusCode());
                        continue;
                    }
                    JsonNode problem = JSON.readTree(response.body());
                    assertThat(problem.get("type").asText()).isEqualTo("https://pdvault.dev/problems/vault-sealed");
                    assertThat(problem.get("detail").asText()).contains("vault-transit")
                            .contains("cannot be reached").doesNotContain(StandInTransit.TOKEN);
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                }
            }
            assertThat(answered).as("routes that answered although sealed").isEmpty();

            HttpResponse<String> health = send(base, "GET", "/actuator/health", null);
            assertThat(health.statusCode()).isEqualTo(503);
            JsonNode status = JSON.readTree(health.body());
            assertThat(status.get("status").asText()).isEqualTo("OUT_OF_SERVICE");
            assertThat(status.get("description").asText()).contains("sealed").contains("cannot be reached");
            HttpResponse<String> liveness = send(base, "GET", "/actuator/health/liveness", null);
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(liveness.body()).get("status").asText()).isEqualTo("UP");
            HttpResponse<String> readiness = send(base, "GET", "/actuator/health/readiness", null);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(readiness.body()).get("status").asText()).isEqualTo("OUT_OF_SERVICE");

            transit.start(transitPort);
            Instant deadline = Instant.now().plusSeconds(30);
            while (send(base, "GET", "/actuator/health", null).statusCode() != 200) {
                assertThat(Instant.now()).as("unsealed within 30 s").isBefore(deadline);
                Thread.sleep(200);
            }
            assertThat(send(base, "GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
            HttpResponse<String> registered = send(base, "POST", "/v1/subjects", "dev-collector-key",
                    "{\"region\":\"CN\",\"birthDate\":\"1980-01-02\"}");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            String subject = JSON.readTree(registered.body()).get("subjectId").asText();
            assertThat(transit.encryptions.get()).as("Transit wrapped the data key").isGreaterThan(0);
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                    TestDatabase.BASE_URL + "?currentSchema=" + schema, TestDatabase.USER, ""));
            assertThat(jdbc.queryForList("SELECT kek_version FROM data_key WHERE subject_id = ?::uuid", String.class,
                    subject)).containsExactly("transit:pdvault-kek:v1");
        } finally {
            transit.stop();
            TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static String fill(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).toLowerCase();
            String value = name.startsWith("*") ? "x"
                    : name.contains("token") ? "tok_0123456789abcdefghjkmnpqrs"
                    : "0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f";
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static HttpResponse<String> send(String base, String method, String path, String key) throws Exception {
        return send(base, method, path, key, method.equals("GET") || method.equals("DELETE") ? null : "{}");
    }

    private static HttpResponse<String> send(String base, String method, String path, String key, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
