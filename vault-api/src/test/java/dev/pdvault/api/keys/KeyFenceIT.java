package dev.pdvault.api.keys;

import dev.pdvault.api.TestDatabase;
import dev.pdvault.api.VaultIntegrationTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fence between accesses and erasure: an erasure waits for an access that holds its subject's fence
 * (as an access does between reading a key and committing its record), and afterwards no access opens.
 */
class KeyFenceIT extends VaultIntegrationTest {

    @Test
    void anErasureWaitsForAnAccessInFlightAndNothingOpensAfterIt() throws Exception {
        String subject = register("CN");
        String name = plant("Feng Lan");
        Map<String, String> tokens = collect(subject, "order", "delivery", Map.of("consignee_name", name));

        CompletableFuture<Response> erasure;
        try (Connection inFlight = holdingFence(subject, "pg_advisory_xact_lock_shared")) {
            erasure = CompletableFuture.supplyAsync(() -> call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER,
                    null));
            Thread.sleep(700);
            assertThat(erasure).as("the erasure waits for the access in flight").isNotDone();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?::uuid"
                    + " AND wrapped IS NOT NULL", Long.class, subject)).isPositive();
            inFlight.commit();
        }
        Response erased = erasure.get(10, TimeUnit.SECONDS);
        assertThat(erased.status()).isEqualTo(200);
        Response after = detokenize(LOGISTICS, "delivery", tokens.get("consignee_name"));
        assertThat(after.status()).isEqualTo(410);
        assertThat(after.body()).doesNotContain(name);
    }

    /** The other side of the fence: an access waits while an erasure (or a consent change) holds it. */
    @Test
    void aDetokenizationWaitsWhileItsSubjectsFenceIsHeldExclusivelyAndOpensAfterwards() throws Exception {
        String subject = register("DE");
        String name = plant("Greta Brandt");
        Map<String, String> tokens = collect(subject, "order", "delivery", Map.of("consignee_name", name));

        CompletableFuture<Response> access;
        try (Connection erasing = holdingFence(subject, "pg_advisory_xact_lock")) {
            access = CompletableFuture.supplyAsync(() -> detokenize(LOGISTICS, "delivery",
                    tokens.get("consignee_name")));
            Thread.sleep(700);
            assertThat(access).as("the access waits for the fence before it reads the subject's keys")
                    .isNotDone();
            erasing.commit();
        }
        Response opened = access.get(10, TimeUnit.SECONDS);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body()).contains(name);
    }

    /**
     * A connection in a transaction that holds the subject's fence bucket, taken with {@code lockFunction} (shared
     * as an access takes it, exclusive as an erasure does) until it commits.
     */
    private static Connection holdingFence(String subject, String lockFunction) throws SQLException {
        Connection connection = TestDatabase.connect();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("SELECT " + lockFunction + "(?, ?)")) {
            lock.setInt(1, KeyFence.NAMESPACE);
            lock.setInt(2, KeyFence.bucket(UUID.fromString(subject)));
            lock.executeQuery().close();
        }
        return connection;
    }

    @Test
    void accessesToOtherSubjectsDoNotWaitForEachOther() {
        String a = register("CN");
        String b = register("CN");
        Map<String, String> ta = collect(a, "order", "delivery", Map.of("postal_code", "100001"));
        Map<String, String> tb = collect(b, "order", "delivery", Map.of("postal_code", "100002"));
        Response both = detokenize(LOGISTICS, "delivery", ta.get("postal_code"), tb.get("postal_code"));
        assertThat(both.status()).isEqualTo(200);
        assertThat(both.json().get("values").size()).isEqualTo(2);
    }
}
