package dev.pdvault.api.web;

import dev.pdvault.api.VaultIntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change whose JSON answer the caller would not accept is refused before it is carried out: Spring MVC alone
 * would register the subject (or record the consent) and only then fail to write the answer.
 */
class AnswerableBeforeChangeIT extends VaultIntegrationTest {

    @Test
    void aRegistrationWhoseAnswerWouldBeRefusedIsNotCarriedOut() throws Exception {
        long events = eventCount();
        HttpResponse<String> refused = send("POST", "/v1/subjects", "text/plain", "{\"region\":\"CN\"}");
        assertThat(refused.statusCode()).isEqualTo(406);
        assertThat(json.readTree(refused.body()).get("type").asText()).endsWith("/http-406");
        assertThat(eventCount()).as("nothing stored").isEqualTo(events);

        HttpResponse<String> accepted = send("POST", "/v1/subjects", "text/plain, application/json;q=0.5",
                "{\"region\":\"CN\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(send("POST", "/v1/subjects", "*/*", "{\"region\":\"CN\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void changesWithoutABodyAndReadsAreLeftAlone() throws Exception {
        String subject = register("CN");
        assertThat(send("PUT", "/v1/subjects/" + subject + "/opt-outs/sms", "text/plain", null).statusCode())
                .as("204: there is no answer to refuse").isEqualTo(204);
        assertThat(send("GET", "/v1/subjects/" + subject + "/consents", "text/plain", null).statusCode())
                .as("a read is the dispatcher's to negotiate, and changes nothing").isEqualTo(406);
    }

    @Test
    void findsWhichHandlersAnswerWithABody() throws NoSuchMethodException {
        assertThat(AnswerableBeforeChange.hasBody(returnOf("none"))).isFalse();
        assertThat(AnswerableBeforeChange.hasBody(returnOf("empty"))).isFalse();
        assertThat(AnswerableBeforeChange.hasBody(returnOf("entity"))).isTrue();
        assertThat(AnswerableBeforeChange.hasBody(returnOf("record"))).isTrue();
    }

    @SuppressWarnings("unused")
    private static final class Handlers {
        void none() {
        }

        org.springframework.http.ResponseEntity<Void> empty() {
            return null;
        }

        org.springframework.http.ResponseEntity<String> entity() {
            return null;
        }

        Response record() {
            return null;
        }
    }

    private static org.springframework.core.MethodParameter returnOf(String name) throws NoSuchMethodException {
        return new org.springframework.core.MethodParameter(Handlers.class.getDeclaredMethod(name), -1);
    }

    private HttpResponse<String> send(String method, String path, String accept, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + COLLECTOR).header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
