package dev.pdvault.api.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.VaultIntegrationTest;
import dev.pdvault.crypto.KeyEncryptionKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rewrap job is resumable: stopped half-way (small batches and a test hook that stops it as a stopped vault
 * would), its cursor and counts are in {@code kek_rewrap_job}; the vault's start-up listener continues it where it
 * stopped, and it ends with every key under the new primary, each rewrapped once, with its started, progressed and
 * completed events.
 */
class KekRewrapResumeIT extends VaultIntegrationTest {

    @Autowired
    KeyEncryptionKeys keks;
    @Autowired
    KekRewrapJob rewrap;

    @AfterEach
    void restoreTheJob() throws Exception {
        rewrap.testHooks(0, 0, 0);
        rewrap.runInBackground();
        rewrap.awaitIdle(Duration.ofMinutes(2));
    }

    @Test
    void aJobStoppedHalfWayIsContinuedAtStartUp() throws Exception {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            String subject = register("CN");
            String name = plant("Resumed " + i);
            values.put(collect(subject, "customer_service", "customer_service",
                    Map.of("contact_information", name)).get("contact_information"), name);
        }
        String old = keks.primaryVersion();
        long keysBefore = jdbc.queryForObject("SELECT count(*) FROM data_key WHERE wrapped IS NOT NULL"
                + " AND kek_version <> ?", Long.class, "none");
        long wrapsBefore = jdbc.queryForObject("SELECT count(*) FROM data_key_wrap", Long.class);

        rewrap.testHooks(3, 2, 2);
        Response rotation = call("POST", "/v1/keys/kek/rotation", SECURITY_OFFICER, null);
        assertThat(rotation.status()).isEqualTo(202);
        String job = rotation.json().path("rewrap").path("jobId").asText();
        String primary = rotation.json().get("primary").asText();
        rewrap.awaitIdle(Duration.ofMinutes(1));

        // half-way: two batches of three done and recorded, the rest still under the old version
        Map<String, Object> halfWay = jdbc.queryForMap("SELECT state, batches, rewrapped FROM kek_rewrap_job"
                + " WHERE job_id = ?::uuid", job);
        assertThat(halfWay.get("state")).isEqualTo("RUNNING");
        assertThat(halfWay.get("batches")).isEqualTo(2L);
        assertThat(halfWay.get("rewrapped")).isEqualTo(6L);
        assertThat(liveNotUnder(primary)).isEqualTo(keysBefore - 6).isPositive();
        assertThat(events(job, "KekRewrapStarted")).isEqualTo(1);
        assertThat(events(job, "KekRewrapProgressed")).isEqualTo(1);
        assertThat(events(job, "KekRewrapCompleted")).isZero();
        JsonNode progress = call("GET", "/v1/keys/kek/rewrap", AUDITOR, null).json();
        assertThat(progress.get("state").asText()).isEqualTo("RUNNING");
        assertThat(progress.get("remaining").asLong()).isEqualTo(keysBefore - 6);

        // what the vault does at start-up
        rewrap.testHooks(3, 2, 0);
        rewrap.resumeAtStartup();
        rewrap.awaitIdle(Duration.ofMinutes(2));

        Map<String, Object> done = jdbc.queryForMap("SELECT state, rewrapped, failed FROM kek_rewrap_job"
                + " WHERE job_id = ?::uuid", job);
        assertThat(done.get("state")).isEqualTo("COMPLETED");
        assertThat(done.get("rewrapped")).isEqualTo(keysBefore);
        assertThat(done.get("failed")).isEqualTo(0L);
        assertThat(liveNotUnder(primary)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE kek_version = ? AND wrapped IS NOT NULL",
                Long.class, old)).isZero();
        // each key rewrapped exactly once: one new wrap per live key
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key_wrap", Long.class))
                .isEqualTo(wrapsBefore + keysBefore);
        assertThat(events(job, "KekRewrapCompleted")).isEqualTo(1);
        assertThat(events(job, "KekRewrapProgressed")).isGreaterThanOrEqualTo(1);
        for (Map.Entry<String, String> value : values.entrySet()) {
            Response r = detokenize(CUSTOMER_SERVICE, "customer_service", value.getKey());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("values").path(value.getKey()).asText()).isEqualTo(value.getValue());
        }
    }

    private long liveNotUnder(String primary) {
        return jdbc.queryForObject("SELECT count(*) FROM data_key WHERE wrapped IS NOT NULL AND kek_version <> ?",
                Long.class, primary);
    }

    private long events(String job, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ?"
                + " AND convert_from(payload, 'UTF8') LIKE ?", Long.class, "%" + type, "%" + job + "%");
    }
}
