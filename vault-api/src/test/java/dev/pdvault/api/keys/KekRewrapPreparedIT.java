package dev.pdvault.api.keys;

import dev.pdvault.api.VaultIntegrationTest;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.KeyEncryptionKeys;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.WrappedDataKey;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.subject.api.SubjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rewrap batch is read and rewrapped before the transaction that stores it: what changes a key in between (an
 * erasure, a data key rotation) wins, and the prepared rewrap of the key as it was is never written back.
 */
class KekRewrapPreparedIT extends VaultIntegrationTest {

    private static final Map<String, String> ORDER = Map.of("consignee_name", "Li Na", "postal_code", "100022");
    private static final KeyClass TRANSACTION = new KeyClass("transaction");

    @Autowired
    DataKeyStore keyStore;
    @Autowired
    DataKeys dataKeys;
    @Autowired
    KeyEncryptionKeys keks;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aKeyErasedAfterItsBatchWasPreparedStaysDestroyed() {
        String subject = register("CN");
        collect(subject, "order", "delivery", ORDER);
        rotateTheKek();
        DataKeyStore.PreparedRewrap batch = keyStore.prepareRewrap(UUID.fromString(subject), "", 1);
        assertThat(batch.keys()).singleElement().satisfies(c -> assertThat(c.fresh()).isNotNull());

        transactions.executeWithoutResult(s -> keyStore.destroy(SubjectId.of(subject), List.of(TRANSACTION),
                Instant.now()));
        DataKeyStore.Rewrap stored = transactions.execute(s -> keyStore.rewrap(batch, Instant.now()));

        assertThat(stored.rewrapped()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?::uuid"
                + " AND wrapped IS NOT NULL", Long.class, subject)).isZero();
    }

    @Test
    void aKeyRotatedAfterItsBatchWasPreparedIsRewrappedAsItIsNow() {
        String subject = register("CN");
        collect(subject, "order", "delivery", ORDER);
        rotateTheKek();
        DataKeyStore.PreparedRewrap batch = keyStore.prepareRewrap(UUID.fromString(subject), "", 1);
        rotateTheKek();
        KeyScope scope = new KeyScope(subject, TRANSACTION.name());
        DataKeyStore.Rotated rotated = transactions.execute(s -> keyStore.rotate(scope, null, Instant.now()))
                .orElseThrow();

        DataKeyStore.Rewrap stored = transactions.execute(s -> keyStore.rewrap(batch, Instant.now()));

        assertThat(stored.rewrapped()).isEqualTo(1);
        WrappedDataKey now = keyStore.existing(scope).orElseThrow();
        assertThat(now.version()).isEqualTo(rotated.wrapped().version() + 1);
        assertThat(now.kekVersion()).isEqualTo(keks.primaryVersion());
        dataKeys.forgetAll();
        assertThat(dataKeys.unwrap(now).primaryKeyId()).isEqualTo(rotated.newKeyId());
    }

    @Test
    void aKeyThatCannotBeUnwrappedIsCountedFailedAndLeftAsItIs() {
        String subject = register("CN");
        collect(subject, "order", "delivery", ORDER);
        rotateTheKek();
        KeyScope scope = new KeyScope(subject, TRANSACTION.name());
        WrappedDataKey before = keyStore.existing(scope).orElseThrow();
        byte[] altered = before.wrappedKeyset().clone();
        altered[altered.length - 1] ^= 1;
        jdbc.update("UPDATE data_key SET wrapped = ? WHERE subject_id = ?::uuid AND key_class = ?", altered, subject,
                scope.keyClass());
        try {
            DataKeyStore.PreparedRewrap batch = keyStore.prepareRewrap(UUID.fromString(subject), "", 1);
            assertThat(batch.keys()).singleElement().satisfies(c -> assertThat(c.fresh()).isNull());

            DataKeyStore.Rewrap stored = transactions.execute(s -> keyStore.rewrap(batch, Instant.now()));

            assertThat(stored.rewrapped()).isZero();
            assertThat(stored.failed()).isEqualTo(1);
            WrappedDataKey after = keyStore.existing(scope).orElseThrow();
            assertThat(after.version()).isEqualTo(before.version());
            assertThat(after.kekVersion()).isEqualTo(before.kekVersion());
            assertThat(after.wrappedKeyset()).isEqualTo(altered);
        } finally {
            jdbc.update("UPDATE data_key SET wrapped = ? WHERE subject_id = ?::uuid AND key_class = ?",
                    before.wrappedKeyset(), subject, scope.keyClass());
        }
    }

    @Test
    void noIndexOfDataKeyUsesWhatARewrapWrites() {
        // A rewrap changes key_version, kek_version and wrapped. PostgreSQL can keep such an update on its page and
        // touch no index (a HOT update) only if no index of data_key uses one of those columns, in its key, an
        // expression or its predicate: the rewrap job writes every live key once per rotation.
        List<String> indexes = jdbc.queryForList("SELECT i.indexrelid::regclass::text FROM pg_index i"
                + " WHERE i.indrelid = 'data_key'::regclass AND (EXISTS (SELECT 1 FROM pg_attribute a"
                + " WHERE a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                + " AND a.attname IN ('key_version', 'kek_version', 'wrapped'))"
                + " OR coalesce(pg_get_expr(i.indexprs, i.indrelid), '') ~ '(key_version|kek_version|wrapped)'"
                + " OR coalesce(pg_get_expr(i.indpred, i.indrelid), '') ~ '(key_version|kek_version|wrapped)')",
                String.class);
        assertThat(indexes).isEmpty();
    }

    /** A new primary KEK version, registered as a rotation through the API would (without starting a job). */
    private void rotateTheKek() {
        String primary = keks.rotate();
        jdbc.update("INSERT INTO kek_version (version, state, created_at) VALUES (?, 'ACTIVE', now())"
                + " ON CONFLICT DO NOTHING", primary);
    }
}
