package dev.pdvault.api.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.VaultIntegrationTest;
import dev.pdvault.crypto.KeyEncryptionKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KEK rotation online: while several clients detokenize without pause, a new KEK version becomes primary and the
 * rewrap job moves every data key to it. No request fails, every value still opens to what was collected, the old
 * version's count reaches zero; destroying the old version is refused (409, with the count) before that and
 * accepted after. No event and no sealed value is rewritten.
 */
class KekRotationIT extends VaultIntegrationTest {

    private static final int SUBJECTS = 24;
    private static final int CLIENTS = 4;

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
    void rotationAndRewrapWhileClientsDetokenizeFailNoRequest() throws Exception {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < SUBJECTS; i++) {
            String subject = register("CN");
            String name = plant("Consignee " + i);
            String postal = String.format("1000%02d", i);
            Map<String, String> tokens = collect(subject, "order", "delivery",
                    Map.of("consignee_name", name, "postal_code", postal));
            values.put(tokens.get("consignee_name"), name);
            values.put(tokens.get("postal_code"), postal);
        }
        List<String> tokens = new ArrayList<>(values.keySet());
        String old = keks.primaryVersion();
        long eventsBefore = eventCount();
        String sealedBefore = sealedDigest();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ok = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                while (!stop.get()) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    String a = tokens.get(random.nextInt(tokens.size()));
                    String b = tokens.get(random.nextInt(tokens.size()));
                    Response r = detokenize(LOGISTICS, "delivery", a, b);
                    if (r.status() != 200) {
                        failures.add(r.status() + " " + r.type());
                        continue;
                    }
                    for (String token : List.of(a, b)) {
                        if (!values.get(token).equals(r.json().path("values").path(token).asText(null))) {
                            failures.add("wrong value for a token");
                        }
                    }
                    ok.incrementAndGet();
                }
            }));
        }
        try {
            waitFor(() -> ok.get() >= 20);

            // small batches, and the job pauses after two of them: the old version still wraps keys then
            rewrap.testHooks(4, 2, 2);
            Response rotation = call("POST", "/v1/keys/kek/rotation", SECURITY_OFFICER, null);
            assertThat(rotation.status()).isEqualTo(202);
            String primary = rotation.json().get("primary").asText();
            assertThat(rotation.json().get("previousPrimary").asText()).isEqualTo(old);
            assertThat(primary).isEqualTo(keks.primaryVersion()).isNotEqualTo(old);
            String job = rotation.json().path("rewrap").path("jobId").asText();
            rewrap.awaitIdle(Duration.ofMinutes(1));
            long stillOld = liveUnder(old);
            assertThat(stillOld).isPositive();
            long before = ok.get();
            waitFor(() -> ok.get() >= before + 20);

            // destroy refused while keys depend on it: first by the state machine (still ACTIVE), then by the count
            Response active = call("DELETE", "/v1/keys/kek/" + old, SECURITY_OFFICER, null);
            assertThat(active.status()).isEqualTo(409);
            assertThat(active.type()).endsWith("kek-state-transition-refused");
            assertThat(call("POST", "/v1/keys/kek/" + old + "/state", SECURITY_OFFICER, Map.of("state", "DEACTIVATED"))
                    .status()).isEqualTo(200);
            Response refused = call("DELETE", "/v1/keys/kek/" + old, SECURITY_OFFICER, null);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.type()).endsWith("kek-version-in-use");
            assertThat(refused.json().get("liveDataKeys").asLong()).isEqualTo(liveUnder(old)).isPositive();
            assertThat(refused.json().get("version").asText()).isEqualTo(old);

            // the job resumes and runs to its end, still under load
            rewrap.testHooks(4, 2, 0);
            assertThat(call("POST", "/v1/keys/kek/rewrap", SECURITY_OFFICER, null).json().get("jobId").asText())
                    .isEqualTo(job);
            rewrap.awaitIdle(Duration.ofMinutes(2));
            JsonNode done = call("GET", "/v1/keys/kek/rewrap", AUDITOR, null).json();
            assertThat(done.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(done.get("failed").asLong()).isZero();
            assertThat(liveUnder(old)).isZero();
            long after = ok.get();
            waitFor(() -> ok.get() >= after + 20);

            Response destroyed = call("DELETE", "/v1/keys/kek/" + old, SECURITY_OFFICER, null);
            assertThat(destroyed.status()).isEqualTo(200);
            assertThat(destroyed.json().get("state").asText()).isEqualTo("DESTROYED");
            assertThat(keks.versions()).doesNotContain(old);
            long last = ok.get();
            waitFor(() -> ok.get() >= last + 20);
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get(1, TimeUnit.MINUTES);
            }
            clients.shutdown();
        }

        assertThat(failures).isEmpty();
        assertThat(ok.get()).isGreaterThanOrEqualTo(80);
        for (String token : tokens) {
            assertThat(detokenize(LOGISTICS, "delivery", token).json().path("values").path(token).asText())
                    .isEqualTo(values.get(token));
        }
        // no event and no sealed value rewritten: the events before the rotation and every sealed value are unchanged
        assertThat(sealedDigest()).isEqualTo(sealedBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index <= (SELECT"
                + " max(global_index) FROM domain_event_entry) AND payload_type LIKE '%KekRewrap%'", Long.class))
                .isGreaterThanOrEqualTo(3);
        assertThat(eventCount()).isGreaterThan(eventsBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE"
                + " '%KekRewrapProgressed'", Long.class)).isPositive();
        JsonNode inventory = call("GET", "/v1/keys", AUDITOR, null).json();
        assertThat(inventory.get("kekVersions")).anySatisfy(v -> {
            assertThat(v.get("version").asText()).isEqualTo(old);
            assertThat(v.get("state").asText()).isEqualTo("DESTROYED");
            assertThat(v.get("dataKeys").asLong()).isZero();
        });
    }

    private long liveUnder(String version) {
        return jdbc.queryForObject("SELECT count(*) FROM data_key WHERE kek_version = ? AND wrapped IS NOT NULL",
                Long.class, version);
    }

    /** A digest of every sealed value and every event payload: a rewrap changes none of them. */
    private String sealedDigest() {
        return jdbc.queryForObject("SELECT md5(string_agg(md5(payload), ',' ORDER BY global_index)) || '/'"
                + " || (SELECT coalesce(md5(string_agg(md5(sealed), ',' ORDER BY token)), '') FROM token_ref)"
                + " FROM domain_event_entry WHERE payload_type NOT LIKE '%.keys.api.%'"
                + " AND payload_type NOT LIKE '%Detokeniz%' AND payload_type NOT LIKE '%CrossBorder%'",
                String.class);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
