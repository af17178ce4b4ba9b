package dev.pdvault.api.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.VaultIntegrationTest;
import dev.pdvault.crypto.KeyEncryptionKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KEK version states through the API: the primary cannot be suspended; a suspended version still unwraps; every move
 * is an event with its time and actor; marking a version compromised starts the rewrap away from it at once, after
 * which it can be destroyed; the inventory and the gauges show it all.
 */
class KekStatesIT extends VaultIntegrationTest {

    @Autowired
    KeyEncryptionKeys keks;
    @Autowired
    KekRewrapJob rewrap;

    @AfterEach
    void finishTheJob() throws Exception {
        rewrap.awaitIdle(Duration.ofMinutes(2));
    }

    @Test
    void suspendReactivateCompromiseAndDestroy() throws Exception {
        String subject = register("CN");
        String name = plant("Suspended Li");
        String token = collect(subject, "customer_service", "customer_service", Map.of("contact_information", name))
                .get("contact_information");
        String old = keks.primaryVersion();

        Response primary = call("POST", "/v1/keys/kek/" + old + "/state", SECURITY_OFFICER, Map.of("state", "SUSPENDED"));
        assertThat(primary.status()).isEqualTo(409);
        assertThat(primary.type()).endsWith("kek-state-transition-refused");
        assertThat(call("POST", "/v1/keys/kek/" + old + "/state", AUDITOR, Map.of("state", "SUSPENDED")).status())
                .isEqualTo(403);
        assertThat(call("POST", "/v1/keys/kek/" + old + "/state", SECURITY_OFFICER, Map.of("state", "SLEEPING"))
                .status()).isEqualTo(400);
        assertThat(call("POST", "/v1/keys/kek/local-1/state", SECURITY_OFFICER, Map.of("state", "SUSPENDED"))
                .status()).isEqualTo(404);

        // rotate without letting the job run: the old version still wraps the subject's key
        rewrap.testHooks(0, 0, 1);
        try {
            assertThat(call("POST", "/v1/keys/kek/rotation", SECURITY_OFFICER, null).status()).isEqualTo(202);
            rewrap.awaitIdle(Duration.ofMinutes(1));
            Response suspended = call("POST", "/v1/keys/kek/" + old + "/state", SECURITY_OFFICER,
                    Map.of("state", "SUSPENDED"));
            assertThat(suspended.status()).isEqualTo(200);
            assertThat(suspended.json().get("from").asText()).isEqualTo("ACTIVE");
            // a suspended version unwraps: its data still opens
            Response read = detokenize(CUSTOMER_SERVICE, "customer_service", token);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().path("values").path(token).asText()).isEqualTo(name);
            // and new keys go to the primary, which is active
            String fresh = register("CN");
            collect(fresh, "customer_service", "customer_service", Map.of("contact_information", plant("Fresh")));
            assertThat(jdbc.queryForObject("SELECT kek_version FROM data_key WHERE subject_id = ?::uuid"
                    + " AND wrapped IS NOT NULL", String.class, fresh)).isEqualTo(keks.primaryVersion());
            assertThat(call("POST", "/v1/keys/kek/" + old + "/state", SECURITY_OFFICER, Map.of("state", "ACTIVE"))
                    .status()).isEqualTo(200);
            assertThat(call("POST", "/v1/keys/kek/" + old + "/state", SECURITY_OFFICER, Map.of("state", "SUSPENDED"))
                    .status()).isEqualTo(200);
        } finally {
            rewrap.testHooks(0, 0, 0);
        }

        Response compromised = call("POST", "/v1/keys/kek/" + old + "/state", SECURITY_OFFICER,
                Map.of("state", "COMPROMISED"));
        assertThat(compromised.status()).isEqualTo(200);
        assertThat(compromised.json().get("rewrapJob").asText()).isNotBlank();
        rewrap.awaitIdle(Duration.ofMinutes(2));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE kek_version = ? AND wrapped IS NOT NULL",
                Long.class, old)).isZero();
        Response read = detokenize(CUSTOMER_SERVICE, "customer_service", token);
        assertThat(read.json().path("values").path(token).asText()).isEqualTo(name);
        assertThat(call("POST", "/v1/keys/kek/" + old + "/state", SECURITY_OFFICER, Map.of("state", "ACTIVE"))
                .status()).isEqualTo(409);
        assertThat(call("DELETE", "/v1/keys/kek/" + old, SECURITY_OFFICER, null).status()).isEqualTo(200);

        // every move an event, with its time and actor
        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE payload_type"
                + " LIKE '%KekVersionStateChanged' AND convert_from(payload, 'UTF8') LIKE ? ORDER BY global_index",
                String.class, "%\"" + old + "\"%"))
                .map(p -> json.readTree(p))
                .extracting(e -> e.path("from").asText() + ">" + e.get("to").asText())
                .containsSubsequence("ACTIVE>SUSPENDED", "SUSPENDED>ACTIVE", "ACTIVE>SUSPENDED",
                        "SUSPENDED>COMPROMISED", "COMPROMISED>DESTROYED");
        JsonNode last = json.readTree(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                + " WHERE payload_type LIKE '%KekVersionStateChanged' AND convert_from(payload, 'UTF8') LIKE ?"
                + " ORDER BY global_index DESC LIMIT 1", String.class, "%\"" + old + "\"%"));
        assertThat(last.get("caller").asText()).isEqualTo("dev-security-officer");
        assertThat(last.get("at").asText()).endsWith("Z");

        // the inventory and the gauges
        Response inventory = call("GET", "/v1/keys", AUDITOR, null);
        assertThat(inventory.status()).isEqualTo(200);
        assertThat(inventory.json().get("primary").asText()).isEqualTo(keks.primaryVersion());
        assertThat(inventory.json().get("kekVersions")).anySatisfy(v -> {
            assertThat(v.get("version").asText()).isEqualTo(keks.primaryVersion());
            assertThat(v.get("state").asText()).isEqualTo("ACTIVE");
            assertThat(v.get("primary").asBoolean()).isTrue();
            assertThat(v.get("dataKeys").asLong()).isPositive();
            assertThat(v.get("age").asText()).startsWith("PT");
        });
        assertThat(inventory.json().get("kekVersions")).anySatisfy(v -> {
            assertThat(v.get("version").asText()).isEqualTo(old);
            assertThat(v.get("state").asText()).isEqualTo("DESTROYED");
            assertThat(v.get("compromisedAt").asText()).isNotBlank();
        });
        assertThat(call("GET", "/v1/keys", COLLECTOR, null).status()).isEqualTo(403);
        String metrics = call("GET", "/actuator/prometheus", null, null).body();
        assertThat(metrics).contains("vault_keys_kek_versions{state=\"DESTROYED\"}")
                .contains("vault_keys_kek_versions{state=\"ACTIVE\"}")
                .contains("vault_keys_data_keys{kek_version=\"" + keks.primaryVersion() + "\"}");
    }
}
