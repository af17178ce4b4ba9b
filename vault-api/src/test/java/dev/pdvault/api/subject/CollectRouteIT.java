package dev.pdvault.api.subject;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.TestTokens;
import dev.pdvault.api.VaultIntegrationTest;
import dev.pdvault.api.observability.RequestCorrelation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Collection is answered by {@link CollectRoute}, a filter at the end of the chain, not by Spring MVC's dispatcher:
 * every filter before it still runs, the route is named as the dispatcher names it, and what the route does not
 * read (other methods, encoded ids) is still the dispatcher's. The bad-input cases of collection are in
 * {@code BadInputIT}, the roles in {@code EndpointRoleMatrixIT}; they run through this route too.
 */
class CollectRouteIT extends VaultIntegrationTest {

    private static final String PATTERN = "/v1/subjects/{subjectId}/records";

    @Autowired
    private MeterRegistry meters;

    @Test
    void aCollectionRunsThroughEveryFilterAndIsNamedByItsPattern() throws Exception {
        String subject = register("CN");
        double before = count(201);
        String requestId = UUID.randomUUID().toString();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/v1/subjects/" + subject + "/records"))
                .header("Authorization", "Bearer " + COLLECTOR).header("Content-Type", "application/json")
                .header(RequestCorrelation.HEADER, requestId)
                .POST(HttpRequest.BodyPublishers.ofString(record("Model X"))));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json.readTree(answer.body());
        assertThat(body.get("collectionId").asText()).isNotBlank();
        assertThat(body.get("tokens").get("device_model").asText()).startsWith("tok_");
        assertThat(answer.headers().firstValue(RequestCorrelation.HEADER)).as("the correlation filter ran")
                .hasValue(requestId);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).as("Spring Security's headers")
                .hasValue("nosniff");
        // The metrics filter stops its timer once the chain has returned, which can be after the answer reached us.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (count(201) - before < 1.0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(count(201) - before).as("http.server.requests under the route's pattern").isEqualTo(1.0);
        assertThat(meters.find("http.server.requests").tag("uri", "/v1/subjects/" + subject + "/records").timer())
                .as("never the path the caller typed").isNull();
    }

    @Test
    void aDenialNamesTheRouteByItsPattern() {
        String caller = "collect-route-" + UUID.randomUUID().toString().substring(0, 8);
        String notACollector = TestTokens.TRUSTED.withRoles(caller, List.of("DETOKENIZER"), List.of("delivery"));
        String subject = register("CN");
        long events = eventCountBesidesSecuritySignals();

        Response refused = call("POST", "/v1/subjects/" + subject + "/records", notACollector, record("Model Y"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.type()).endsWith("/role-not-permitted");
        assertThat(eventCountBesidesSecuritySignals()).isEqualTo(events);
        List<String> routes = jdbc.queryForList("SELECT convert_from(payload, 'UTF8')::jsonb->'route'->>'pattern'"
                + " FROM domain_event_entry WHERE payload_type = 'dev.pdvault.domain.security.api.AccessDenied'"
                + " AND convert_from(payload, 'UTF8')::jsonb->>'caller' = ?", String.class, caller);
        assertThat(routes).containsExactly(PATTERN);
    }

    @Test
    void anAnswerTheCallerWouldNotAcceptIsRefusedBeforeAnythingIsStored() throws Exception {
        String subject = register("CN");
        long events = eventCount();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/v1/subjects/" + subject + "/records"))
                .header("Authorization", "Bearer " + COLLECTOR).header("Content-Type", "application/json")
                .header("Accept", "text/plain").POST(HttpRequest.BodyPublishers.ofString(record("Model Z"))));

        assertThat(answer.statusCode()).isEqualTo(406);
        assertThat(json.readTree(answer.body()).get("type").asText()).endsWith("/http-406");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aBodyInAnotherDeclaredCharsetIsReadInThatCharset() throws Exception {
        String subject = register("DE");
        String name = plant("Jürgen Müller");
        String order = "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"subject\","
                + "\"fields\":{\"consignee_name\":\"" + name + "\"}}";
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/v1/subjects/" + subject + "/records"))
                .header("Authorization", "Bearer " + COLLECTOR)
                .header("Content-Type", "application/json;charset=ISO-8859-1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(order.getBytes(StandardCharsets.ISO_8859_1))));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);

        String token = json.readTree(answer.body()).get("tokens").get("consignee_name").asText();
        Response read = detokenize(LOGISTICS, "delivery", token);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("values").get(token).asText()).isEqualTo(name);
    }

    @Test
    void otherMethodsAndEncodedIdsAreStillTheDispatchers() {
        String subject = register("CN");
        Response get = call("GET", "/v1/subjects/" + subject + "/records", COLLECTOR, null);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.type()).endsWith("/http-405");

        String encoded = "%" + Integer.toHexString(subject.charAt(0)) + subject.substring(1);
        Response collected = call("POST", "/v1/subjects/" + encoded + "/records", COLLECTOR, record("Model E"));
        assertThat(collected.status()).as("the dispatcher decodes the id: %s", collected.body()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_ref WHERE subject_id = ?::uuid"
                + " AND field = 'device_model'", Long.class, subject)).isEqualTo(1L);
    }

    private double count(int status) {
        Timer timer = meters.find("http.server.requests").tag("uri", PATTERN).tag("method", "POST")
                .tag("status", Integer.toString(status)).timer();
        return timer == null ? 0 : timer.count();
    }

    private static String record(String model) {
        return "{\"category\":\"device\",\"purpose\":\"product_display\",\"source\":\"subject\","
                + "\"fields\":{\"device_model\":\"" + model + "\",\"os_version\":\"Android 15\"}}";
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
