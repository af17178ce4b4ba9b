package dev.pdvault.api.keys;

import dev.pdvault.api.VaultIntegrationTest;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.subject.api.DestroyedKey;
import dev.pdvault.domain.subject.api.SubjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Rotation of data keys on demand, per subject and for all, the encryption counts, and the drop of cached keys on
 * another node (a second cache with a listener of its own, on the same database) at rotation and at erasure.
 */
class DataKeyRotationIT extends VaultIntegrationTest {

    private static final Map<String, String> ORDER = Map.of("consignee_name", "Li Na", "address",
            "1 Nanjing Road, Shanghai", "postal_code", "100022", "consignee_phone", "+86 139 1234 5678");

    @Autowired
    DataKeys dataKeys;
    @Autowired
    DataKeyStore keyStore;
    @Autowired
    DataSource dataSource;
    @Autowired
    KeyFence fence;
    @Autowired
    PlatformTransactionManager transactions;

    /**
     * Key destruction is one statement that answers with the keys destroyed now and those destroyed before, each
     * with its first destruction time, and leaves a tombstone for a class the subject never used.
     */
    @Test
    void destroyingKeysAgainAnswersWithTheirFirstDestructionAndLeavesTombstones() {
        String subject = register("CN");
        collect(subject, "order", "delivery", ORDER);
        collect(subject, "membership", "membership", Map.of("member_name", "Qian Yu"));
        SubjectId id = new SubjectId(subject);
        Instant first = Instant.parse("2026-01-02T03:04:05.123456Z");
        Instant second = first.plusSeconds(60);
        TransactionTemplate tx = new TransactionTemplate(transactions);

        List<DestroyedKey> account = tx.execute(s -> {
            fence.beforeErasure(UUID.fromString(subject));
            return keyStore.destroy(id, List.of(new KeyClass("account")), first);
        });
        List<DestroyedKey> all = tx.execute(s -> {
            fence.beforeErasure(UUID.fromString(subject));
            return keyStore.destroy(id, List.of(new KeyClass("transaction"), new KeyClass("account"),
                    new KeyClass("identity")), second);
        });
        List<DestroyedKey> again = tx.execute(s -> {
            fence.beforeErasure(UUID.fromString(subject));
            return keyStore.destroy(id, List.of(new KeyClass("transaction"), new KeyClass("account")),
                    second.plusSeconds(60));
        });

        assertThat(account).extracting(k -> k.keyClass().name(), DestroyedKey::destroyedAt)
                .containsExactly(tuple("account", first));
        assertThat(all).extracting(k -> k.keyClass().name(), DestroyedKey::keyVersion, DestroyedKey::destroyedAt)
                .containsExactly(tuple("account", 1L, first), tuple("transaction", 1L, second));
        assertThat(again).isEqualTo(all);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?::uuid"
                + " AND wrapped IS NOT NULL", Long.class, subject)).isZero();
        assertThat(jdbc.queryForObject("SELECT key_version FROM data_key WHERE subject_id = ?::uuid"
                + " AND key_class = 'identity' AND wrapped IS NULL", Long.class, subject)).isZero();
    }

    @Test
    void rotatingASubjectsKeysKeepsOldValuesOpeningAndSealsNewOnesWithTheNewKey() {
        String subject = register("CN");
        Map<String, String> before = collect(subject, "order", "delivery", ORDER);
        long keyIdBefore = keyIdOf(before.get("consignee_name"));

        Response rotated = call("POST", "/v1/keys/data-keys/" + subject + "/rotation", SECURITY_OFFICER, null);

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().path("rotated")).hasSize(1);
        assertThat(rotated.json().path("rotated").get(0).path("keyClass").asText()).isEqualTo("transaction");
        assertThat(keyVersion(subject, "transaction")).isEqualTo(2);
        Map<String, String> after = collect(subject, "order", "delivery", ORDER);
        long keyIdAfter = keyIdOf(after.get("consignee_name"));
        assertThat(keyIdAfter).isNotEqualTo(keyIdBefore)
                .isEqualTo(rotated.json().path("rotated").get(0).path("newKeyId").asLong());
        Response opened = detokenize(LOGISTICS, "delivery", before.get("consignee_name"), after.get("consignee_name"));
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().path("values").path(before.get("consignee_name")).asText()).isEqualTo("Li Na");
        assertThat(opened.json().path("values").path(after.get("consignee_name")).asText()).isEqualTo("Li Na");
        assertThat(rotationEvents(subject, "MANUAL")).isEqualTo(1);
        assertThat(call("POST", "/v1/keys/data-keys/" + subject + "/rotation", COLLECTOR, null).status())
                .isEqualTo(403);
        assertThat(call("POST", "/v1/keys/data-keys/" + UUID.randomUUID() + "/rotation", SECURITY_OFFICER, null)
                .status()).isEqualTo(404);
    }

    @Test
    void encryptionsAreCountedPerKeyAndShownToTheSecurityOfficer() {
        String subject = register("CN");
        collect(subject, "order", "delivery", ORDER);
        collect(subject, "order", "delivery", ORDER);
        call("POST", "/v1/keys/data-keys/" + subject + "/rotation", SECURITY_OFFICER, null);
        collect(subject, "order", "delivery", ORDER);

        Response keys = call("GET", "/v1/keys/data-keys/" + subject, SECURITY_OFFICER, null);

        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.json().path("usage")).hasSize(2);
        assertThat(keys.json().path("usage").get(0).path("encryptions").asLong()).isEqualTo(8);
        assertThat(keys.json().path("usage").get(1).path("encryptions").asLong()).isEqualTo(4);
        assertThat(keys.json().path("usage").get(1).path("keyId").asLong())
                .isEqualTo(keys.json().path("keys").get(0).path("primaryKeyId").asLong());
        assertThat(keys.json().path("maxEncryptionsPerKey").asLong()).isEqualTo(1L << 30);
    }

    @Test
    void rotatingEveryKeyRotatesEachLiveKeyOnceInBatches() {
        String first = register("CN");
        String second = register("CN");
        Map<String, String> order = collect(first, "order", "delivery", ORDER);
        Map<String, String> member = collect(second, "membership", "membership", Map.of("member_name", "Wang Fang"));

        Response all = call("POST", "/v1/keys/data-keys/rotation", SECURITY_OFFICER, null);

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("rotated").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(all.json().path("failed").asLong()).isZero();
        assertThat(keyVersion(first, "transaction")).isEqualTo(2);
        assertThat(keyVersion(second, "account")).isEqualTo(2);
        assertThat(rotationEvents(first, "ALL")).isEqualTo(1);
        assertThat(detokenize(LOGISTICS, "delivery", order.get("address")).json().path("values")
                .path(order.get("address")).asText()).isEqualTo("1 Nanjing Road, Shanghai");
        assertThat(detokenize(CUSTOMER_SERVICE, "membership", member.get("member_name")).json().path("values")
                .path(member.get("member_name")).asText()).isEqualTo("Wang Fang");
    }

    @Test
    void anotherNodeDropsItsCachedKeysOfTheSubjectAtRotationAndAtErasure() throws Exception {
        DataKeys otherNode = new DataKeys(dataKeys.keyEncryptionKeys(), 100, Duration.ofMinutes(10));
        KeyChanges otherListener = new KeyChanges(dataSource, otherNode);
        otherListener.start();
        try {
            awaitTrue(otherListener::listening);
            String subject = register("CN");
            collect(subject, "membership", "membership", Map.of("member_name", "Zhao Lei"));
            String bystander = register("CN");
            collect(bystander, "membership", "membership", Map.of("member_name", "Sun Li"));
            KeyScope scope = new KeyScope(subject, "account");
            otherNode.unwrap(keyStore.existing(scope).orElseThrow());
            otherNode.unwrap(keyStore.existing(new KeyScope(bystander, "account")).orElseThrow());
            assertThat(otherNode.cachedKeys()).isEqualTo(2);

            assertThat(call("POST", "/v1/keys/data-keys/" + subject + "/rotation", SECURITY_OFFICER, null).status())
                    .isEqualTo(200);
            awaitTrue(() -> otherNode.cachedKeys() == 1);

            otherNode.unwrap(keyStore.existing(scope).orElseThrow());
            assertThat(otherNode.cachedKeys()).isEqualTo(2);
            assertThat(call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER, null).status()).isEqualTo(200);
            awaitTrue(() -> otherNode.cachedKeys() == 1);
        } finally {
            otherListener.stop();
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition met within 10 s").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private long keyIdOf(String token) {
        return jdbc.queryForObject("SELECT (get_byte(sealed, 2)::bigint << 24) | (get_byte(sealed, 3) << 16)"
                + " | (get_byte(sealed, 4) << 8) | get_byte(sealed, 5) FROM token_ref WHERE token = ?", Long.class, token);
    }

    private long keyVersion(String subject, String keyClass) {
        return jdbc.queryForObject("SELECT key_version FROM data_key WHERE subject_id = ?::uuid AND key_class = ?",
                Long.class, subject, keyClass);
    }

    private long rotationEvents(String subject, String reason) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND payload_type LIKE '%DataKeyRotated' AND convert_from(payload, 'UTF8')::jsonb ->> 'reason' = ?",
                Long.class, "data-keys-" + subject, reason);
    }
}
