package dev.pdvault.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets a problem document of a stable type and 4xx, nothing is stored, and the vault keeps serving.
 * Also: no problem document echoes what it was sent.
 */
class BadInputIT extends VaultIntegrationTest {

    private static final String HOSTILE = "'; DROP TABLE token_ref; -- <script>alert(1)</script> \u0000 \u202e ${jndi:ldap://x}";

    static Stream<Arguments> badRecords() {
        String s = "{subject}";
        return Stream.of(
                Arguments.of("malformed JSON", "POST", "/v1/subjects/" + s + "/records", "{\"category\": ", 400,
                        "malformed-body"),
                Arguments.of("not an object", "POST", "/v1/subjects/" + s + "/records", "[1,2,3]", 400,
                        "malformed-body"),
                Arguments.of("trailing garbage", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"address\":\"a\"}} x",
                        400, "malformed-body"),
                Arguments.of("property given twice", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"address\":\"a\"},\"source\":\"t\"}",
                        400, "malformed-body"),
                Arguments.of("unknown property", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"address\":\"a\"},\"extra\":1}",
                        400, "unknown-property"),
                Arguments.of("missing fields", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"s\"}", 400, "invalid-request"),
                Arguments.of("missing category", "POST", "/v1/subjects/" + s + "/records",
                        "{\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"address\":\"a\"}}", 400,
                        "invalid-request"),
                Arguments.of("unknown category", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"secrets\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"address\":\"a\"}}",
                        400, "unknown-category"),
                Arguments.of("hostile category", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"order'--\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"address\":\"a\"}}",
                        400, "unknown-category"),
                Arguments.of("unknown field", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"ssn\":\"a\"}}",
                        400, "unknown-field"),
                Arguments.of("purpose not allowed for category", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"order\",\"purpose\":\"advertising\",\"source\":\"s\",\"fields\":{\"address\":\"a\"}}",
                        400, "purpose-not-allowed-for-category"),
                Arguments.of("empty fields", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{}}", 400,
                        "invalid-field-count"),
                Arguments.of("invalid phone", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"consignee_phone\":\"call me\"}}",
                        400, "invalid-field-value"),
                Arguments.of("too long value", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"address\":\""
                                + "a".repeat(600) + "\"}}", 400, "invalid-field-value"),
                Arguments.of("null value", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"address\":null}}",
                        400, "invalid-field-value"),
                Arguments.of("control characters", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"address\":\"a\\u0000b\"}}",
                        400, "invalid-field-value"),
                Arguments.of("hostile source", "POST", "/v1/subjects/" + s + "/records",
                        "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"<b>x</b>\",\"fields\":{\"address\":\"a\"}}",
                        400, "invalid-source"),
                Arguments.of("invalid subject id", "POST", "/v1/subjects/not-a-uuid/records",
                        "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"address\":\"a\"}}",
                        400, "invalid-subject-id"),
                Arguments.of("unknown subject", "POST", "/v1/subjects/00000000-0000-4000-8000-000000000000/records",
                        "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"address\":\"a\"}}",
                        404, "unknown-subject"),
                Arguments.of("invalid region", "POST", "/v1/subjects", "{\"region\":\"Mars\"}", 400, "invalid-region"),
                Arguments.of("birth date in the future", "POST", "/v1/subjects",
                        "{\"region\":\"CN\",\"birthDate\":\"2999-01-01\"}", 400, "invalid-field-value"),
                Arguments.of("malformed token", "POST", "/v1/detokenize",
                        "{\"tokens\":[\"" + HOSTILE.replace("\"", "").replace("\u0000", "") + "\"],\"purpose\":\"delivery\"}", 400,
                        "malformed-token"),
                Arguments.of("no tokens", "POST", "/v1/detokenize", "{\"tokens\":[],\"purpose\":\"delivery\"}", 400,
                        "invalid-token-count"),
                Arguments.of("unknown purpose", "POST", "/v1/detokenize",
                        "{\"tokens\":[\"tok_00000000000000000000000000\"],\"purpose\":\"curiosity\"}", 400,
                        "unknown-purpose"),
                Arguments.of("wrong type", "POST", "/v1/detokenize", "{\"tokens\":\"tok_x\",\"purpose\":\"delivery\"}",
                        400, "malformed-body"),
                Arguments.of("detokenize with an unknown property", "POST", "/v1/detokenize",
                        "{\"tokens\":[\"tok_00000000000000000000000000\"],\"purpose\":\"delivery\",\"why\":1}",
                        400, "unknown-property"),
                Arguments.of("detokenize without a body", "POST", "/v1/detokenize", null, 400, "malformed-body"),
                Arguments.of("detokenize with a blank purpose", "POST", "/v1/detokenize",
                        "{\"tokens\":[\"tok_00000000000000000000000000\"],\"purpose\":\" \"}", 400,
                        "invalid-request"),
                Arguments.of("unknown path", "GET", "/v1/nothing-here", null, 404, "http-404"),
                Arguments.of("wrong method", "PATCH", "/v1/detokenize", "{}", 405, "http-405"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void badInputIsAProblemAndStoresNothing(String name, String method, String path, String body, int status,
                                            String type) {
        String subject = register("CN");
        long events = eventCount();
        long keys = jdbc.queryForObject("SELECT count(*) FROM data_key", Long.class);
        String apiKey = path.startsWith("/v1/detokenize") ? LOGISTICS : COLLECTOR;
        Response r = call(method, path.replace("{subject}", subject), apiKey, body);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().get("content-type")).anyMatch(c -> c.startsWith("application/problem+json"));
        assertThat(r.type()).isEqualTo("https://pdvault.dev/problems/" + type);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.body()).doesNotContain("DROP TABLE", "<script>", "jndi", "Exception", "at dev.pdvault");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key", Long.class)).isEqualTo(keys);
        assertStillServing();
    }

    @Test
    void oversizedBodyIsRefusedBeforeReading() {
        String subject = register("CN");
        long events = eventCount();
        String big = "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"s\",\"fields\":{\"address\":\""
                + "x".repeat(1_100_000) + "\"}}";
        Response r = call("POST", "/v1/subjects/" + subject + "/records", COLLECTOR, big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.type()).endsWith("/body-too-large");
        assertThat(eventCount()).isEqualTo(events);
        assertStillServing();
    }

    @Test
    void hostileValuesWithinTheRulesAreStoredSealedAndComeBackExactly() {
        String subject = register("CN");
        String hostile = "'; DROP TABLE token_ref; -- <script>alert(1)</script> \u202e \uD83D\uDE00 ${jndi:ldap://x}";
        Map<String, String> tokens = collect(subject, "order", "delivery", Map.of("address", hostile));
        Response r = detokenize(LOGISTICS, "delivery", tokens.get("address"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("values").get(tokens.get("address")).asText()).isEqualTo(hostile);
        assertThat(PlaintextScanner.findIn(jdbc, List.of(hostile))).isEmpty();
    }

    private void assertStillServing() {
        String subject = register("CN");
        Map<String, String> tokens = collect(subject, "order", "delivery", Map.of("postal_code", "200000"));
        assertThat(detokenize(LOGISTICS, "delivery", tokens.get("postal_code")).status()).isEqualTo(200);
    }
}
