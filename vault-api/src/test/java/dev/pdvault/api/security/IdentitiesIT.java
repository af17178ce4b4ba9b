package dev.pdvault.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.TestClock;
import dev.pdvault.api.TestTokens;
import dev.pdvault.api.VaultIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identities by JWT (the test issuer of {@link TestTokens}) next to the development API keys: a valid token acts
 * as the identity its claims name; expired, foreign, mis-addressed, forged and over-reaching tokens are refused
 * with 401 and recorded; a role denial is a 403 and recorded; limits on purposes and recipients hold for token
 * identities; an identity over its rate limit gets 429 with Retry-After. Denials are counted per minute, so tests
 * that count them stop the vault's clock at a minute nobody else uses.
 */
class IdentitiesIT extends VaultIntegrationTest {

    @Autowired
    private TestClock clock;
    @Autowired
    private DenialRecorder denials;
    @Autowired
    private MeterRegistry meters;

    private static final TestTokens ISSUER = TestTokens.TRUSTED;

    /**
     * A minute of the vault's clock no other test uses, 10 s in: hours to days ahead, short of anything the
     * schedules would act on (KEK epochs are due after 30 days, retention after years).
     */
    static Instant freshMinute() {
        return Instant.now().plus(Duration.ofMinutes(120 + ThreadLocalRandom.current().nextInt(20_000)))
                .truncatedTo(ChronoUnit.MINUTES).plusSeconds(10);
    }

    private String token(Instant now, String subject, Map<String, Object> claims) {
        return ISSUER.mint(subject, claims, TestTokens.ISSUER, List.of(TestTokens.AUDIENCE), now.plusSeconds(3600));
    }

    private List<JsonNode> events(String type, Instant from, Instant to) {
        List<JsonNode> found = new ArrayList<>();
        for (String payload : jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                + " WHERE payload_type = ? ORDER BY global_index", String.class,
                "dev.pdvault.domain.security.api." + type)) {
            try {
                JsonNode event = json.readTree(payload);
                Instant at = Instant.parse(event.has("at") ? event.get("at").asText() : event.get("from").asText());
                if (!at.isBefore(from) && at.isBefore(to)) {
                    found.add(event);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    @Test
    void aTokenOfTheIssuerActsAsTheIdentityItsClaimsName() {
        String collector = ISSUER.withRoles("jwt-collector", List.of("COLLECTOR"), List.of());
        Response registered = call("POST", "/v1/subjects", collector, Map.of("region", "CN"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String subject = registered.json().get("subjectId").asText();
        String name = plant("Zhang Wei");
        Response collected = call("POST", "/v1/subjects/" + subject + "/records", collector, Map.of("category", "order",
                "purpose", "delivery", "source", "subject", "fields", Map.of("consignee_name", name)));
        assertThat(collected.status()).as(collected.body()).isEqualTo(201);
        String consignee = collected.json().get("tokens").get("consignee_name").asText();

        String logistics = ISSUER.withRoles("jwt-logistics", List.of("DETOKENIZER"), List.of("delivery"));
        Response read = detokenize(logistics, "delivery", consignee);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("values").get(consignee).asText()).isEqualTo(name);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE"
                + " '%PersonalDataDetokenized' AND convert_from(payload, 'UTF8')::jsonb->>'caller' = 'jwt-logistics'",
                Long.class)).isEqualTo(1);
    }

    @Test
    void refusesExpiredForeignMisaddressedForgedAndOverReachingTokensAndRecordsEachDenial() {
        Instant minute = freshMinute();
        clock.fixAt(minute);
        Map<String, Object> detokenizer = Map.of("vault_roles", List.of("DETOKENIZER"), "vault_purposes",
                List.of("delivery"));
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("expired", ISSUER.mint("jwt-a", detokenizer, TestTokens.ISSUER, List.of(TestTokens.AUDIENCE),
                minute.minus(Duration.ofMinutes(5))));
        bad.put("wrong issuer", ISSUER.mint("jwt-a", detokenizer, "https://elsewhere.example",
                List.of(TestTokens.AUDIENCE), minute.plusSeconds(3600)));
        bad.put("wrong audience", ISSUER.mint("jwt-a", detokenizer, TestTokens.ISSUER, List.of("another-service"),
                minute.plusSeconds(3600)));
        bad.put("bad signature", TestTokens.OTHER.mint("jwt-a", detokenizer, TestTokens.ISSUER,
                List.of(TestTokens.AUDIENCE), minute.plusSeconds(3600)));
        bad.put("unknown role", token(minute, "jwt-a", Map.of("vault_roles", List.of("DETOKENIZER", "SUPERUSER"),
                "vault_purposes", List.of("delivery"))));
        bad.put("unknown purpose", token(minute, "jwt-a", Map.of("vault_roles", List.of("DETOKENIZER"),
                "vault_purposes", List.of("everything"))));
        bad.put("roles not a list", token(minute, "jwt-a", Map.of("vault_roles", "DETOKENIZER")));
        bad.put("unknown recipient", token(minute, "jwt-a", Map.of("vault_roles", List.of("DETOKENIZER"),
                "vault_recipient", "mallory")));
        bad.put("not a credential", "not-a-key-nor-a-jwt");
        String signedPart = bad.get("expired").substring(0, bad.get("expired").lastIndexOf('.'));
        bad.put("signature stripped", signedPart + ".");

        for (Map.Entry<String, String> credential : bad.entrySet()) {
            Response refused = detokenize(credential.getValue(), "delivery", "tok_0123456789abcdefghjkmnpqrs");
            assertThat(refused.status()).as(credential.getKey()).isEqualTo(401);
            assertThat(refused.type()).as(credential.getKey()).endsWith("/unauthenticated");
            assertThat(refused.headers().get("www-authenticate")).as(credential.getKey())
                    .containsExactly("Bearer error=\"invalid_token\"");
        }
        Response none = detokenize(null, "delivery", "tok_0123456789abcdefghjkmnpqrs");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers().get("www-authenticate")).containsExactly("Bearer");

        List<JsonNode> denied = events("AccessDenied", minute.minusSeconds(10), minute.plusSeconds(50));
        assertThat(denied).extracting(e -> e.get("cause").asText())
                .containsExactlyInAnyOrder("INVALID_CREDENTIAL", "NO_CREDENTIAL");
        JsonNode invalid = denied.stream().filter(e -> e.get("cause").asText().equals("INVALID_CREDENTIAL"))
                .findFirst().orElseThrow();
        assertThat(invalid.get("route").get("method").asText()).isEqualTo("POST");
        assertThat(invalid.get("route").get("pattern").asText()).isEqualTo("/v1/detokenize");
        assertThat(invalid.path("caller").isMissingNode() || invalid.get("caller").isNull()).isTrue();
        assertThat(invalid.get("source").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");

        clock.fixAt(minute.plusSeconds(60));
        denials.recordEndedMinutes();
        List<JsonNode> counted = events("AccessDenialsCounted", minute.minusSeconds(10), minute.plusSeconds(50));
        assertThat(counted).hasSize(1);
        assertThat(counted.get(0).get("count").asLong()).as("the denials after the minute's first")
                .isEqualTo(bad.size() - 1);
        assertThat(counted.get(0).get("cause").asText()).isEqualTo("INVALID_CREDENTIAL");

        String events = String.join("\n", jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry", String.class));
        for (String credential : bad.values()) {
            assertThat(events).doesNotContain(credential);
            if (credential.contains(".")) {
                assertThat(events).doesNotContain(credential.substring(credential.lastIndexOf('.') + 1).isEmpty()
                        ? credential.substring(0, 40) : credential.substring(credential.lastIndexOf('.') + 1));
            }
        }
    }

    @Test
    void aRoleDenialIsA403AndAnEventNamingTheIdentityAndTheRoute() {
        Instant minute = freshMinute();
        clock.fixAt(minute);
        String auditor = token(minute, "jwt-auditor-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("vault_roles", List.of("AUDITOR")));
        Response refused = call("DELETE", "/v1/subjects/" + UUID.randomUUID(), auditor, null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.type()).endsWith("/role-not-permitted");
        List<JsonNode> denied = events("AccessDenied", minute.minusSeconds(10), minute.plusSeconds(50));
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0).get("caller").asText()).startsWith("jwt-auditor-");
        assertThat(denied.get(0).get("cause").asText()).isEqualTo("ROLE_NOT_PERMITTED");
        assertThat(denied.get(0).get("route").get("pattern").asText()).isEqualTo("/v1/subjects/{subjectId}");
        assertThat(denied.get(0).get("route").get("method").asText()).isEqualTo("DELETE");
    }

    @Test
    void aDetokenizerLimitedToNamedPurposesAndRecipientsCannotUseOthers() {
        String subject = register("CN");
        Map<String, String> order = collect(subject, "order", "delivery", Map.of("consignee_name", plant("Li Lei"),
                "postal_code", "100022"));
        Map<String, String> payment = collect(subject, "payment", "payment", Map.of("order_number", "A-20261125-7",
                "amount", "88.00"));
        String consignee = order.get("consignee_name");

        String delivery = ISSUER.withRoles("jwt-delivery", List.of("DETOKENIZER"), List.of("delivery"));
        assertThat(detokenize(delivery, "delivery", consignee).status()).isEqualTo(200);
        Response otherPurpose = detokenize(delivery, "payment", payment.get("order_number"));
        assertThat(otherPurpose.status()).isEqualTo(403);
        assertThat(otherPurpose.type()).endsWith("/purpose-not-granted");

        String courier = ISSUER.mint("jwt-courier", Map.of("vault_roles", List.of("DETOKENIZER"), "vault_purposes",
                List.of("delivery"), "vault_recipient", "sf-express"));
        String bank = ISSUER.mint("jwt-bank", Map.of("vault_roles", List.of("DETOKENIZER"), "vault_purposes",
                List.of("delivery", "payment"), "vault_recipient", "visa"));
        Response unshared = detokenize(courier, "delivery", consignee);
        assertThat(unshared.status()).isEqualTo(403);
        assertThat(unshared.type()).endsWith("/not-shared-with-recipient");
        assertThat(call("POST", "/v1/shares", ORDER_SERVICE, Map.of("recipient", "sf-express", "purpose", "delivery",
                "tokens", List.of(consignee))).status()).isEqualTo(201);
        assertThat(detokenize(courier, "delivery", consignee).status()).isEqualTo(200);
        Response otherRecipient = detokenize(bank, "delivery", consignee);
        assertThat(otherRecipient.status()).isEqualTo(403);
        assertThat(otherRecipient.type()).endsWith("/not-shared-with-recipient");

        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8')::jsonb->>'reason' FROM domain_event_entry"
                + " WHERE payload_type LIKE '%DetokenizationRefused' AND convert_from(payload, 'UTF8')::jsonb->>'caller'"
                + " IN ('jwt-delivery', 'jwt-courier', 'jwt-bank') ORDER BY global_index", String.class))
                .containsExactly("PURPOSE_NOT_GRANTED_TO_CALLER", "NOT_SHARED_WITH_RECIPIENT",
                        "NOT_SHARED_WITH_RECIPIENT");
    }

    @Test
    void anIdentityOverItsRateLimitGets429WithRetryAfterAndOthersAreUnaffected() {
        Instant minute = freshMinute();
        clock.fixAt(minute);
        String probe = token(minute, "rate-probe", Map.of("vault_roles", List.of("AUDITOR")));
        String path = "/v1/subjects/" + UUID.randomUUID() + "/history";
        for (int i = 0; i < 3; i++) {
            assertThat(call("GET", path, probe, null).status()).as("request %d within the burst", i)
                    .isNotEqualTo(429);
        }
        Response limited = call("GET", path, probe, null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.type()).endsWith("/rate-limited");
        long retryAfter = Long.parseLong(limited.headers().get("retry-after").get(0));
        assertThat(retryAfter).as("3 an hour: the next in about 20 minutes").isBetween(60L, 1200L);
        assertThat(call("GET", path, AUDITOR, null).status()).isNotEqualTo(429);

        List<JsonNode> denied = events("AccessDenied", minute.minusSeconds(10), minute.plusSeconds(50));
        assertThat(denied).extracting(e -> e.get("caller").asText() + " " + e.get("cause").asText())
                .containsExactly("rate-probe RATE_LIMITED");
        assertThat(meters.counter("vault.access.denials", "cause", "rate_limited").count()).isGreaterThanOrEqualTo(1);
    }

    /** {@code POST /v1/detokenize} runs on a servlet of its own (DetokenizeServlet): it is limited all the same. */
    @Test
    void theDetokenizeRouteIsRateLimitedWithoutAnsweringPlaintext() {
        String collector = ISSUER.withRoles("jwt-collector", List.of("COLLECTOR"), List.of());
        String subject = call("POST", "/v1/subjects", collector, Map.of("region", "CN")).json().get("subjectId")
                .asText();
        String name = plant("Li Na");
        String consignee = call("POST", "/v1/subjects/" + subject + "/records", collector, Map.of("category", "order",
                "purpose", "delivery", "source", "subject", "fields", Map.of("consignee_name", name)))
                .json().get("tokens").get("consignee_name").asText();
        Instant minute = freshMinute();
        clock.fixAt(minute);
        String probe = token(minute, "rate-probe-detokenizer", Map.of("vault_roles", List.of("DETOKENIZER"),
                "vault_purposes", List.of("delivery")));
        for (int i = 0; i < 2; i++) {
            Response read = detokenize(probe, "delivery", consignee);
            assertThat(read.status()).as("request %d within the burst: %s", i, read.body()).isEqualTo(200);
        }
        Response limited = detokenize(probe, "delivery", consignee);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.type()).endsWith("/rate-limited");
        assertThat(Long.parseLong(limited.headers().get("retry-after").get(0))).isBetween(60L, 1800L);
        assertThat(limited.body()).doesNotContain(name);

        assertThat(events("AccessDenied", minute.minusSeconds(10), minute.plusSeconds(50)))
                .extracting(e -> e.get("caller").asText() + " " + e.get("cause").asText())
                .containsExactly("rate-probe-detokenizer RATE_LIMITED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE"
                + " '%PersonalDataDetokenized' AND convert_from(payload, 'UTF8')::jsonb->>'caller' ="
                + " 'rate-probe-detokenizer'", Long.class)).as("only the two answered reads are recorded accesses")
                .isEqualTo(2);
    }
}
