package dev.pdvault.api.policy;

import dev.pdvault.api.VaultIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "A withdrawal applies to every later access at once": accesses race a withdrawal; every access recorded
 * after the withdrawal in the store's order is denied, every one before it was decided on the consent.
 */
class ConsentWithdrawalRaceIT extends VaultIntegrationTest {

    @Test
    void noAccessIsAllowedAfterTheWithdrawalIsRecorded() throws Exception {
        String subject = register("CN");
        assertThat(call("POST", "/v1/subjects/" + subject + "/consents", COLLECTOR,
                Map.of("purpose", "personalised_membership")).status()).isEqualTo(201);
        String token = collect(subject, "profile", "personalised_membership", Map.of("real_name", plant("Zhou")))
                .get("real_name");

        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<int[]>> loops = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            loops.add(pool.submit(() -> {
                int[] statuses = new int[2];
                while (!stop.get()) {
                    int status = detokenize(MARKETING, "personalised_membership", token).status();
                    statuses[status == 200 ? 0 : 1]++;
                }
                return statuses;
            }));
        }
        Thread.sleep(300);
        assertThat(call("DELETE", "/v1/subjects/" + subject + "/consents/personalised_membership", COLLECTOR, null)
                .status()).isEqualTo(204);
        List<Integer> afterAck = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            afterAck.add(detokenize(MARKETING, "personalised_membership", token).status());
        }
        Thread.sleep(200);
        stop.set(true);
        int allowed = 0;
        int denied = 0;
        for (Future<int[]> loop : loops) {
            int[] s = loop.get(30, TimeUnit.SECONDS);
            allowed += s[0];
            denied += s[1];
        }
        pool.shutdown();

        assertThat(afterAck).containsOnly(403);
        assertThat(allowed).as("accesses before the withdrawal").isPositive();
        assertThat(denied).as("accesses after it").isPositive();
        Long withdrawal = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier"
                + " = ? AND payload_type LIKE '%ConsentWithdrawn'", Long.class, subject);
        List<Map<String, Object>> accesses = jdbc.queryForList("SELECT e.global_index, e.payload_type"
                + " FROM access_ref a JOIN domain_event_entry e ON e.event_identifier = a.event_id::text"
                + " WHERE a.subjects @> ARRAY[?::uuid]", subject);
        assertThat(accesses).hasSize(allowed + denied + afterAck.size());
        for (Map<String, Object> access : accesses) {
            long index = ((Number) access.get("global_index")).longValue();
            boolean granted = access.get("payload_type").toString().endsWith("PersonalDataDetokenized");
            assertThat(granted).as("access at %d, withdrawal at %d", index, withdrawal).isEqualTo(index < withdrawal);
        }
    }
}
