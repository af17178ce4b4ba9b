package dev.pdvault.api.credential;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.PlaintextScanner;
import dev.pdvault.api.VaultIntegrationTest;
import dev.pdvault.api.keys.DataKeyStore;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.SealedValue;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords over HTTP on the real PostgreSQL: set, verify, change, erase; bad input stores nothing; and the
 * password and its Argon2id hash appear nowhere in clear, have no token and cannot be detokenized.
 */
class PasswordIT extends VaultIntegrationTest {

    private static final String ARGON2ID_OWASP = "$argon2id$v=19$m=19456,t=2,p=1$";

    @Autowired
    DataKeys dataKeys;
    @Autowired
    DataKeyStore keyStore;
    @Autowired
    MeterRegistry meters;

    private Response setPassword(String subject, String password) {
        return call("PUT", "/v1/subjects/" + subject + "/password", COLLECTOR, Map.of("password", password));
    }

    private Response verify(String apiKey, String subject, String password) {
        return call("POST", "/v1/subjects/" + subject + "/password/verification", apiKey, Map.of("password", password));
    }

    private boolean verified(String subject, String password) {
        Response r = verify(COLLECTOR, subject, password);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("verified").asBoolean();
    }

    private List<String> credentialEvents(String subject) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number", String.class, "credential-" + subject)
                .stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    private double verifications(String outcome) {
        var counter = meters.find("vault.password.verifications").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The hash as the vault holds it, opened the way only verification opens it. */
    private String openHash(String subject) {
        byte[] sealed = jdbc.queryForObject("SELECT sealed FROM credential_ref WHERE subject_id = ?", byte[].class,
                UUID.fromString(subject));
        return dataKeys.unwrap(keyStore.existing(new KeyScope(subject, "account")).orElseThrow())
                .openString("membership/password/membership", "credential-" + subject, new SealedValue(sealed));
    }

    @Test
    void aPasswordIsSetVerifiedAndChangedAndTheOldOneNoLongerVerifies() {
        String subject = register("CN");
        String first = plant("correct horse");
        String second = plant("battery staple");
        double verifiedBefore = verifications("verified");
        double failedBefore = verifications("failed");

        assertThat(setPassword(subject, first).status()).isEqualTo(204);
        assertThat(verified(subject, first)).isTrue();
        assertThat(verified(subject, second)).isFalse();
        Response asCustomerService = verify(CUSTOMER_SERVICE, subject, first);
        assertThat(asCustomerService.status()).isEqualTo(200);
        assertThat(asCustomerService.json().get("verified").asBoolean()).isTrue();

        assertThat(setPassword(subject, second).status()).isEqualTo(204);
        assertThat(verified(subject, first)).isFalse();
        assertThat(verified(subject, second)).isTrue();

        assertThat(credentialEvents(subject)).containsExactly("PasswordSet", "PasswordVerified",
                "PasswordVerificationFailed", "PasswordVerified", "PasswordSet", "PasswordVerificationFailed",
                "PasswordVerified");
        assertThat(verifications("verified") - verifiedBefore).isEqualTo(3);
        assertThat(verifications("failed") - failedBefore).isEqualTo(2);
        assertThat(openHash(subject)).startsWith(ARGON2ID_OWASP);
        assertThat(new Argon2PasswordEncoder(16, 32, 1, 19456, 2).matches(second, openHash(subject))).isTrue();

        Response history = call("GET", "/v1/subjects/" + subject + "/history", AUDITOR, null);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).contains("PasswordSet", "PasswordVerified", "PasswordVerificationFailed",
                "credential-" + subject).doesNotContain(first, second);
        assertThat(history.body()).doesNotContain(ARGON2ID_OWASP);
    }

    @Test
    void onlyCollectorsAndDetokenizersForMembershipMayVerify() {
        String subject = register("CN");
        String password = plant("open sesame");
        assertThat(setPassword(subject, password).status()).isEqualTo(204);
        long events = eventCountBesidesSecuritySignals();

        Response logistics = verify(LOGISTICS, subject, password);
        assertThat(logistics.status()).isEqualTo(403);
        assertThat(logistics.type()).endsWith("/purpose-not-granted");
        assertThat(verify(AUDITOR, subject, password).status()).isEqualTo(403);
        assertThat(verify(null, subject, password).status()).isEqualTo(401);
        assertThat(call("PUT", "/v1/subjects/" + subject + "/password", CUSTOMER_SERVICE,
                Map.of("password", password)).status()).isEqualTo(204);
        assertThat(call("PUT", "/v1/subjects/" + subject + "/password", LOGISTICS,
                Map.of("password", password)).status()).isEqualTo(403);
        assertThat(eventCountBesidesSecuritySignals()).isEqualTo(events + 1);
    }

    @Test
    void badInputGetsProblemDetailsAndStoresNothing() {
        String subject = register("CN");
        String path = "/v1/subjects/" + subject + "/password";
        long events = eventCount();

        record Bad(String method, String path, Object body, int status, String type) {
        }
        String unknown = UUID.randomUUID().toString();
        List<Bad> bad = List.of(
                new Bad("PUT", path, Map.of("password", "short7!"), 400, "invalid-password"),
                new Bad("PUT", path, Map.of("password", "x".repeat(129)), 400, "invalid-password"),
                new Bad("PUT", path, Map.of("password", ""), 400, "invalid-password"),
                new Bad("PUT", path, null, 400, "malformed-body"),
                new Bad("PUT", path, "{}", 400, "invalid-request"),
                new Bad("PUT", path, "{\"password\": null}", 400, "invalid-request"),
                new Bad("PUT", path, "{\"password\": \"long enough\", \"extra\": 1}", 400, "unknown-property"),
                new Bad("PUT", path, "{\"password\": ", 400, "malformed-body"),
                new Bad("PUT", "/v1/subjects/" + unknown + "/password", Map.of("password", "long enough"), 404,
                        "unknown-subject"),
                new Bad("PUT", "/v1/subjects/not-a-uuid/password", Map.of("password", "long enough"), 400,
                        "invalid-subject-id"),
                new Bad("POST", path + "/verification", Map.of("password", "long enough"), 404, "no-password"),
                new Bad("POST", path + "/verification", Map.of("password", "short"), 400, "invalid-password"),
                new Bad("POST", path + "/verification", null, 400, "malformed-body"),
                new Bad("POST", "/v1/subjects/" + unknown + "/password/verification",
                        Map.of("password", "long enough"), 404, "unknown-subject"));
        for (Bad b : bad) {
            Response r = call(b.method(), b.path(), COLLECTOR, b.body());
            assertThat(r.status()).as(b.toString() + " -> " + r.body()).isEqualTo(b.status());
            assertThat(r.headers().get("content-type")).as(b.toString()).anyMatch(v -> v.contains("problem+json"));
            assertThat(r.type()).as(b.toString()).isEqualTo("https://pdvault.dev/problems/" + b.type());
            assertThat(r.body()).doesNotContain("short7!", "long enough");
        }

        assertThat(eventCount()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM credential_ref WHERE subject_id IN (?, ?)", Long.class,
                UUID.fromString(subject), UUID.fromString(unknown))).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id IN (?, ?)", Long.class,
                UUID.fromString(subject), UUID.fromString(unknown))).isZero();
    }

    @Test
    void aPasswordCannotBeCollectedAsARecord() {
        String subject = register("CN");
        long events = eventCount();

        Response r = call("POST", "/v1/subjects/" + subject + "/records", COLLECTOR, Map.of("category", "membership",
                "purpose", "membership", "source", "subject", "fields", Map.of("password", "long enough")));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.type()).isEqualTo("https://pdvault.dev/problems/password-not-collectable");
        assertThat(r.json().get("detail").asText()).contains("password endpoint");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_ref WHERE subject_id = ?", Long.class,
                UUID.fromString(subject))).isZero();
    }

    @Test
    void afterErasureTheHashIsGoneAndVerificationAnswers410() {
        String subject = register("CN");
        String password = plant("forget me");
        assertThat(setPassword(subject, password).status()).isEqualTo(204);
        assertThat(verified(subject, password)).isTrue();

        assertThat(call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER, null).status()).isEqualTo(200);

        Response afterwards = verify(COLLECTOR, subject, password);
        assertThat(afterwards.status()).isEqualTo(410);
        assertThat(afterwards.type()).isEqualTo("https://pdvault.dev/problems/subject-erased");
        assertThat(setPassword(subject, password).status()).isEqualTo(410);
        Map<String, Object> row = jdbc.queryForMap("SELECT sealed, status, erased_at FROM credential_ref"
                + " WHERE subject_id = ?", UUID.fromString(subject));
        assertThat(row.get("sealed")).isNull();
        assertThat(row.get("status")).isEqualTo("ERASED");
        assertThat(row.get("erased_at")).isNotNull();
        // the sealed hash in the event stays, but its key is destroyed
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ? AND wrapped IS NOT NULL",
                Long.class, UUID.fromString(subject))).isZero();
        assertThat(credentialEvents(subject)).containsExactly("PasswordSet", "PasswordVerified");
    }

    @Test
    void replayRebuildsTheCredentialsExactly() {
        String kept = register("CN");
        String erased = register("CN");
        assertThat(setPassword(kept, plant("kept password"))).extracting(Response::status).isEqualTo(204);
        assertThat(setPassword(kept, plant("changed password"))).extracting(Response::status).isEqualTo(204);
        assertThat(setPassword(erased, plant("erased password"))).extracting(Response::status).isEqualTo(204);
        assertThat(call("DELETE", "/v1/subjects/" + erased, PRIVACY_OFFICER, null).status()).isEqualTo(200);

        JsonNode live = call("GET", "/v1/projections/digest", AUDITOR, null).json();
        assertThat(live.has("credential_ref")).isTrue();
        assertThat(call("POST", "/v1/projections/rebuild", SECURITY_OFFICER, null).status()).isEqualTo(200);

        assertThat(call("GET", "/v1/projections/digest", AUDITOR, null).json()).isEqualTo(live);
        assertThat(jdbc.queryForObject("SELECT status FROM credential_ref WHERE subject_id = ?", String.class,
                UUID.fromString(erased))).isEqualTo("ERASED");
    }

    @Test
    void neitherThePasswordNorItsHashAppearsInClearAnywhereAndNeitherHasAToken(CapturedOutput output) {
        String subject = register("CN");
        Map<String, String> tokens = collect(subject, "membership", "membership",
                Map.of("member_name", plant("Zhang Wei")));
        String password = plant("my secret passphrase");
        String wrong = plant("a wrong passphrase");

        assertThat(setPassword(subject, password).status()).isEqualTo(204);
        assertThat(verified(subject, password)).isTrue();
        assertThat(verified(subject, wrong)).isFalse();

        String hash = openHash(subject);
        assertThat(hash).startsWith(ARGON2ID_OWASP);
        String[] parts = hash.split("\\$");
        String salt = parts[4];
        String digest = parts[5];
        List<String> secrets = List.of(password, wrong, hash, salt, digest);
        assertThat(PlaintextScanner.findIn(jdbc, secrets)).isEmpty();
        assertThat(PlaintextScanner.findInText(output.getAll(), secrets)).isEmpty();
        assertThat(output.getAll()).as("the logs scanned are the verbose ones")
                .contains("PUT \"/v1/subjects/" + subject + "/password\"", "PasswordRequest[redacted]",
                        "Executing prepared SQL");

        assertThat(jdbc.queryForList("SELECT field FROM token_ref WHERE subject_id = ?", String.class,
                UUID.fromString(subject))).containsExactly("member_name");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_ref WHERE field = 'password'", Long.class))
                .isZero();
        Response read = detokenize(CUSTOMER_SERVICE, "membership", tokens.get("member_name"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(PlaintextScanner.findInText(read.body(), secrets)).isEmpty();
        List<String> everyToken = jdbc.queryForList("SELECT token FROM token_ref WHERE subject_id = ?", String.class,
                UUID.fromString(subject));
        for (String purpose : List.of("membership", "customer_service", "security")) {
            Response any = detokenize(CUSTOMER_SERVICE, purpose, everyToken.toArray(String[]::new));
            assertThat(PlaintextScanner.findInText(any.body(), secrets)).isEmpty();
        }
    }
}
