package dev.pdvault.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class DataKeysTest {

    private static final String SUBJECT = "0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f";
    private static final String OTHER_SUBJECT = "5d2c1b0a-9e8f-4a7b-8c6d-1e2f3a4b5c6d";
    private static final String TOKEN = "tok_0123456789abcdefghjkmnpqrs";
    private static final String OTHER_TOKEN = "tok_tvwxyz0123456789abcdefghjk";
    private static final String PLAINTEXT = "alice.liddell@example.com";

    private static final KeyScope PROFILE = new KeyScope(SUBJECT, "profile");

    @TempDir
    Path tempDir;

    private KeyEncryptionKeys keks;
    private DataKeys dataKeys;

    @BeforeEach
    void setUp() {
        keks = InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("kek.json"));
        dataKeys = new DataKeys(keks, 100, Duration.ofMinutes(10));
    }

    @Test
    void sealedValueOpensToItsPlaintext() {
        DataKey key = dataKeys.unwrap(dataKeys.generate(PROFILE));

        SealedValue sealed = key.seal("email", TOKEN, PLAINTEXT);

        assertThat(key.openString("email", TOKEN, sealed)).isEqualTo(PLAINTEXT);
        assertThat(key.open("email", TOKEN, sealed)).isEqualTo(PLAINTEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(sealed.bytes()).hasSize(PLAINTEXT.getBytes(StandardCharsets.UTF_8).length + SealedValue.OVERHEAD);
    }

    @Test
    void sealedValueSurvivesItsBase64Form() {
        DataKey key = dataKeys.unwrap(dataKeys.generate(PROFILE));
        SealedValue sealed = key.seal("email", TOKEN, PLAINTEXT);

        assertThat(key.openString("email", TOKEN, SealedValue.fromBase64(sealed.toBase64()))).isEqualTo(PLAINTEXT);
    }

    @Test
    void sealingTheSameValueTwiceGivesDifferentCiphertexts() {
        DataKey key = dataKeys.unwrap(dataKeys.generate(PROFILE));

        assertThat(key.seal("email", TOKEN, PLAINTEXT)).isNotEqualTo(key.seal("email", TOKEN, PLAINTEXT));
    }

    @Test
    void cannotOpenAValueCopiedIntoAnotherSubjectsRow() {
        // Same wrapped keyset, presented as another subject's: the associated data differs, so the value does
        // not open even though the key material is identical.
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);
        SealedValue sealed = dataKeys.unwrap(wrapped).seal("email", TOKEN, PLAINTEXT);
        DataKey sameMaterialOtherSubject = new DataKey(new KeyScope(OTHER_SUBJECT, "profile"),
                primitiveOf(wrapped), 0);

        assertThatThrownBy(() -> sameMaterialOtherSubject.open("email", TOKEN, sealed))
                .isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void cannotOpenAValueWithAnotherSubjectsKey() {
        SealedValue sealed = dataKeys.unwrap(dataKeys.generate(PROFILE)).seal("email", TOKEN, PLAINTEXT);
        DataKey otherSubjectsKey = dataKeys.unwrap(dataKeys.generate(new KeyScope(OTHER_SUBJECT, "profile")));

        assertThatThrownBy(() -> otherSubjectsKey.open("email", TOKEN, sealed))
                .isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void cannotOpenAValueCopiedIntoAnotherKeyClass() {
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);
        SealedValue sealed = dataKeys.unwrap(wrapped).seal("email", TOKEN, PLAINTEXT);
        DataKey sameMaterialOtherClass = new DataKey(new KeyScope(SUBJECT, "orders"), primitiveOf(wrapped), 0);

        assertThatThrownBy(() -> sameMaterialOtherClass.open("email", TOKEN, sealed))
                .isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void cannotOpenAValueCopiedIntoAnotherField() {
        DataKey key = dataKeys.unwrap(dataKeys.generate(PROFILE));
        SealedValue sealed = key.seal("email", TOKEN, PLAINTEXT);

        assertThatThrownBy(() -> key.open("phone", TOKEN, sealed)).isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void cannotOpenAValueCopiedBehindAnotherToken() {
        DataKey key = dataKeys.unwrap(dataKeys.generate(PROFILE));
        SealedValue sealed = key.seal("email", TOKEN, PLAINTEXT);

        assertThatThrownBy(() -> key.open("email", OTHER_TOKEN, sealed))
                .isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void associatedDataCannotBeShiftedBetweenFieldAndToken() {
        // Length prefixes: ("ab", "c") and ("a", "bc") must not give the same associated data.
        DataKey key = dataKeys.unwrap(dataKeys.generate(PROFILE));
        SealedValue sealed = key.seal("ab", "c", PLAINTEXT);

        assertThatThrownBy(() -> key.open("a", "bc", sealed)).isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void cannotOpenAValueWithAnyByteFlipped() {
        DataKey key = dataKeys.unwrap(dataKeys.generate(PROFILE));
        byte[] original = key.seal("email", TOKEN, PLAINTEXT).bytes();

        for (int i = 0; i < original.length; i++) {
            for (int mask : new int[] {0x01, 0x80}) {
                byte[] altered = original.clone();
                altered[i] ^= (byte) mask;
                Throwable thrown = catchThrowable(() -> key.open("email", TOKEN, new SealedValue(altered)));
                if (i < 2) {
                    // the layout bytes are checked before any decryption is tried
                    assertThat(thrown).as("byte %d, mask %x", i, mask)
                            .isInstanceOf(MalformedSealedValueException.class);
                } else {
                    assertThat(thrown).as("byte %d, mask %x", i, mask)
                            .isInstanceOf(DecryptionFailedException.class);
                }
            }
        }
    }

    @Test
    void cannotOpenATruncatedValue() {
        DataKey key = dataKeys.unwrap(dataKeys.generate(PROFILE));
        byte[] original = key.seal("email", TOKEN, PLAINTEXT).bytes();
        byte[] truncated = Arrays.copyOf(original, original.length - 1);

        assertThatThrownBy(() -> key.open("email", TOKEN, new SealedValue(truncated)))
                .isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void unwrappingAgainGivesAKeyThatOpensEarlierValues() {
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);
        SealedValue sealed = dataKeys.unwrap(wrapped).seal("email", TOKEN, PLAINTEXT);

        // a fresh DataKeys has an empty cache, so this really unwraps the stored bytes
        DataKeys elsewhere = new DataKeys(keks, 100, Duration.ofMinutes(10));
        WrappedDataKey stored = new WrappedDataKey(wrapped.scope(), wrapped.version(), wrapped.kekVersion(),
                wrapped.wrappedKeyset());

        assertThat(elsewhere.cachedKeys()).isZero();
        assertThat(elsewhere.unwrap(stored).openString("email", TOKEN, sealed)).isEqualTo(PLAINTEXT);
    }

    @Test
    void generatedKeyIsWrappedByThePrimaryKekAsVersionOne() {
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);

        assertThat(wrapped.scope()).isEqualTo(PROFILE);
        assertThat(wrapped.version()).isEqualTo(1);
        assertThat(wrapped.kekVersion()).isEqualTo(keks.primaryVersion());
    }

    @Test
    void eachGeneratedKeysetIsItsOwnEvenForTheSameScope() {
        // Two keysets of one scope (say, two nodes racing to create a subject's first key) must never be
        // confused: a value sealed with the second opens with the second as stored, wherever it is unwrapped.
        WrappedDataKey first = dataKeys.generate(PROFILE);
        WrappedDataKey second = dataKeys.generate(PROFILE);
        dataKeys.unwrap(first);

        SealedValue sealed = dataKeys.unwrap(second).seal("email", TOKEN, PLAINTEXT);

        DataKeys elsewhere = new DataKeys(keks, 100, Duration.ofMinutes(10));
        assertThat(elsewhere.unwrap(second).openString("email", TOKEN, sealed)).isEqualTo(PLAINTEXT);
        assertThatThrownBy(() -> elsewhere.unwrap(first).open("email", TOKEN, sealed))
                .isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void rewrapWithTheSameKekIncrementsTheVersionAndKeepsTheKeyset() {
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);
        SealedValue sealed = dataKeys.unwrap(wrapped).seal("email", TOKEN, PLAINTEXT);

        WrappedDataKey rewrapped = dataKeys.rewrap(wrapped);

        assertThat(rewrapped.scope()).isEqualTo(PROFILE);
        assertThat(rewrapped.version()).isEqualTo(wrapped.version() + 1);
        assertThat(rewrapped.kekVersion()).isEqualTo(wrapped.kekVersion());
        assertThat(rewrapped.wrappedKeyset()).isNotEqualTo(wrapped.wrappedKeyset());
        DataKeys elsewhere = new DataKeys(keks, 100, Duration.ofMinutes(10));
        assertThat(elsewhere.unwrap(rewrapped).openString("email", TOKEN, sealed)).isEqualTo(PLAINTEXT);
    }

    @Test
    void rewrapAfterKekRotationMovesTheKeyToTheNewKekAndStillOpensEarlierValues() {
        RotatingKeks rotating = new RotatingKeks();
        String oldKek = rotating.rotate();
        DataKeys keys = new DataKeys(rotating, 100, Duration.ofMinutes(10));
        WrappedDataKey wrapped = keys.generate(PROFILE);
        SealedValue sealed = keys.unwrap(wrapped).seal("email", TOKEN, PLAINTEXT);

        String newKek = rotating.rotate();
        WrappedDataKey rewrapped = keys.rewrap(wrapped);

        assertThat(wrapped.kekVersion()).isEqualTo(oldKek);
        assertThat(rewrapped.kekVersion()).isEqualTo(newKek).isNotEqualTo(oldKek);
        assertThat(rewrapped.version()).isEqualTo(2);

        // once the old KEK version is destroyed, only the rewrapped copy still opens anything
        rotating.destroy(oldKek);
        keys.forgetAll();
        assertThat(keys.unwrap(rewrapped).openString("email", TOKEN, sealed)).isEqualTo(PLAINTEXT);
        assertThatThrownBy(() -> keys.unwrap(wrapped)).isInstanceOf(CryptoException.class);
    }

    @Test
    void rewrappedKeysetIsTinksEncryptedKeysetUnderTheNewKekWithTheSameKeys() throws GeneralSecurityException {
        RotatingKeks rotating = new RotatingKeks();
        String oldKek = rotating.rotate();
        DataKeys keys = new DataKeys(rotating, 100, Duration.ofMinutes(10));
        WrappedDataKey wrapped = keys.rotate(keys.generate(PROFILE));
        String newKek = rotating.rotate();

        WrappedDataKey rewrapped = keys.rewrap(wrapped);

        byte[] ad = AssociatedData.forWrappedKey(PROFILE);
        KeysetHandle before = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped.wrappedKeyset(),
                rotating.aead(oldKek), ad);
        KeysetHandle after = TinkProtoKeysetFormat.parseEncryptedKeyset(rewrapped.wrappedKeyset(),
                rotating.aead(newKek), ad);
        assertThat(after.equalsKeyset(before)).isTrue();
        assertThat(after.getPrimary().getId()).isEqualTo(before.getPrimary().getId());
        assertThatThrownBy(() -> TinkProtoKeysetFormat.parseEncryptedKeyset(rewrapped.wrappedKeyset(),
                rotating.aead(oldKek), ad)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> TinkProtoKeysetFormat.parseEncryptedKeyset(rewrapped.wrappedKeyset(),
                rotating.aead(newKek), AssociatedData.forWrappedKey(new KeyScope(OTHER_SUBJECT, "profile"))))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void cannotRewrapUnderAnotherKekVersionThanTheOneThatWrapped() {
        RotatingKeks rotating = new RotatingKeks();
        rotating.rotate();
        DataKeys keys = new DataKeys(rotating, 100, Duration.ofMinutes(10));
        WrappedDataKey wrapped = keys.generate(PROFILE);
        String newKek = rotating.rotate();

        assertThatThrownBy(() -> keys.rewrap(new WrappedDataKey(PROFILE, wrapped.version(), newKek,
                wrapped.wrappedKeyset()))).isInstanceOf(CryptoException.class);
    }

    @Test
    void cannotRewrapAlteredOrTruncatedWrappedBytes() {
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);
        byte[] flipped = wrapped.wrappedKeyset();
        flipped[flipped.length / 2] ^= 0x01;
        byte[] truncated = Arrays.copyOf(wrapped.wrappedKeyset(), wrapped.wrappedKeyset().length - 1);

        for (byte[] bytes : List.of(flipped, truncated, new byte[0])) {
            assertThatThrownBy(() -> dataKeys.rewrap(
                    new WrappedDataKey(PROFILE, wrapped.version(), wrapped.kekVersion(), bytes)))
                    .isInstanceOf(CryptoException.class);
        }
    }

    @Test
    void cannotUnwrapAKeysetPresentedAsAnotherSubjects() {
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);
        WrappedDataKey moved = new WrappedDataKey(new KeyScope(OTHER_SUBJECT, "profile"), wrapped.version(),
                wrapped.kekVersion(), wrapped.wrappedKeyset());

        assertThatThrownBy(() -> dataKeys.unwrap(moved)).isInstanceOf(CryptoException.class);
    }

    @Test
    void cannotUnwrapAKeysetPresentedAsAnotherKeyClassEvenWhenTheOriginalIsCached() {
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);
        dataKeys.unwrap(wrapped);
        WrappedDataKey moved = new WrappedDataKey(new KeyScope(SUBJECT, "orders"), wrapped.version(),
                wrapped.kekVersion(), wrapped.wrappedKeyset());

        assertThatThrownBy(() -> dataKeys.unwrap(moved)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> dataKeys.rewrap(moved)).isInstanceOf(CryptoException.class);
    }

    @Test
    void cannotUnwrapAlteredWrappedBytesEvenWhenTheOriginalIsCached() {
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);
        dataKeys.unwrap(wrapped);
        byte[] bytes = wrapped.wrappedKeyset();
        bytes[bytes.length / 2] ^= 0x01;

        assertThatThrownBy(() -> dataKeys.unwrap(
                new WrappedDataKey(PROFILE, wrapped.version(), wrapped.kekVersion(), bytes)))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void cannotUnwrapWithAnUnknownKekVersion() {
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);

        assertThatThrownBy(() -> dataKeys.unwrap(
                new WrappedDataKey(PROFILE, wrapped.version(), "local-unknown", wrapped.wrappedKeyset())))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void forgetDropsOnlyThatSubjectsCachedKeys() {
        dataKeys.unwrap(dataKeys.generate(PROFILE));
        dataKeys.unwrap(dataKeys.generate(new KeyScope(SUBJECT, "orders")));
        dataKeys.unwrap(dataKeys.generate(new KeyScope(OTHER_SUBJECT, "profile")));
        assertThat(dataKeys.cachedKeys()).isEqualTo(3);

        dataKeys.forget(SUBJECT);

        assertThat(dataKeys.cachedKeys()).isEqualTo(1);
    }

    @Test
    void unwrappingTheSameKeyTwiceCachesItOnce() {
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);

        DataKey first = dataKeys.unwrap(wrapped);
        DataKey second = dataKeys.unwrap(wrapped);

        assertThat(second).isSameAs(first);
        assertThat(dataKeys.cachedKeys()).isEqualTo(1);
    }

    @Test
    void aKeyCachedAgainAfterForgetIsForgottenAgain() {
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);
        DataKey first = dataKeys.unwrap(wrapped);
        dataKeys.forget(SUBJECT);

        DataKey second = dataKeys.unwrap(wrapped);
        assertThat(second).isNotSameAs(first);
        assertThat(dataKeys.cachedKeys()).isEqualTo(1);
        dataKeys.forget(SUBJECT);

        assertThat(dataKeys.cachedKeys()).isZero();
        assertThat(dataKeys.unwrap(wrapped)).isNotSameAs(second);
    }

    @Test
    void keysThatLeaveTheCacheLeaveItsIndexOfSubjects() {
        DataKeys small = new DataKeys(keks, 5, Duration.ofMinutes(10));
        for (int i = 0; i < 40; i++) {
            small.unwrap(small.generate(new KeyScope(java.util.UUID.randomUUID().toString(), "profile")));
        }
        assertThat(small.cachedKeys()).isLessThanOrEqualTo(5);
        assertThat(small.indexedSubjects()).as("subjects indexed beyond what the cache holds")
                .isLessThanOrEqualTo(5);

        DataKeys expiring = new DataKeys(keks, 100, Duration.ofNanos(1));
        expiring.unwrap(expiring.generate(PROFILE));
        assertThat(expiring.indexedSubjects()).isZero();
    }

    @Test
    void forgetAllEmptiesTheCache() {
        dataKeys.unwrap(dataKeys.generate(PROFILE));
        dataKeys.unwrap(dataKeys.generate(new KeyScope(OTHER_SUBJECT, "profile")));

        dataKeys.forgetAll();

        assertThat(dataKeys.cachedKeys()).isZero();
    }

    @Test
    void failuresNeverRevealThePlaintext() {
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);
        DataKey key = dataKeys.unwrap(wrapped);
        SealedValue sealed = key.seal("email", TOKEN, PLAINTEXT);
        byte[] altered = sealed.bytes();
        altered[altered.length - 1] ^= 0x01;
        byte[] badLayout = sealed.bytes();
        badLayout[0] = 0x02;
        String base64OfPlaintext = Base64.getEncoder().encodeToString(PLAINTEXT.getBytes(StandardCharsets.UTF_8));

        List<Executable> failing = List.of(
                () -> key.open("phone", TOKEN, sealed),
                () -> key.open("email", OTHER_TOKEN, sealed),
                () -> key.open("email", TOKEN, new SealedValue(altered)),
                () -> new SealedValue(badLayout),
                () -> SealedValue.fromBase64(PLAINTEXT),
                () -> dataKeys.unwrap(new WrappedDataKey(new KeyScope(OTHER_SUBJECT, "profile"), 1,
                        wrapped.kekVersion(), wrapped.wrappedKeyset())));

        for (Executable call : failing) {
            Throwable thrown = catchThrowable(call::execute);
            assertThat(thrown).isInstanceOf(CryptoException.class);
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(PLAINTEXT).doesNotContain(base64OfPlaintext);
                assertThat(t.toString()).doesNotContain(PLAINTEXT).doesNotContain(base64OfPlaintext);
            }
        }
    }

    @Test
    void keysAndWrappedKeysNeverPrintKeyMaterial() {
        WrappedDataKey wrapped = dataKeys.generate(PROFILE);
        String wrappedBase64 = Base64.getEncoder().encodeToString(wrapped.wrappedKeyset());

        assertThat(wrapped.toString()).doesNotContain(wrappedBase64).doesNotContain("[B@");
        assertThat(dataKeys.unwrap(wrapped).toString()).isEqualTo("DataKey[" + PROFILE + "]");
    }

    private Aead primitiveOf(WrappedDataKey wrapped) {
        try {
            return com.google.crypto.tink.TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped.wrappedKeyset(),
                            keks.aead(wrapped.kekVersion()), AssociatedData.forWrappedKey(wrapped.scope()))
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A KMS stand-in whose versions are independent keys: rotation adds a primary, destruction removes one. */
    private static final class RotatingKeks implements KeyEncryptionKeys {

        private final Map<String, Aead> byVersion = new LinkedHashMap<>();
        private String primary;

        @Override
        public String rotate() {
            try {
                Aead aead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                        .getPrimitive(RegistryConfiguration.get(), Aead.class);
                primary = "test-kek-" + (byVersion.size() + 1);
                byVersion.put(primary, aead);
                return primary;
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void destroy(String version) {
            byVersion.remove(version);
        }

        @Override
        public String primaryVersion() {
            return primary;
        }

        @Override
        public List<String> versions() {
            return new ArrayList<>(byVersion.keySet());
        }

        @Override
        public Aead aead(String version) {
            Aead aead = byVersion.get(version);
            if (aead == null) {
                throw new CryptoException("unknown or destroyed key-encryption key version");
            }
            return aead;
        }

        @Override
        public String describe() {
            return "test";
        }
    }

    @Test
    void aRotatedKeyStillOpensEveryValueSealedBeforeAndSealsNewOnesWithTheNewKeyId() {
        WrappedDataKey v1 = dataKeys.generate(PROFILE);
        DataKey before = dataKeys.unwrap(v1);
        SealedValue old = before.seal("email", TOKEN, PLAINTEXT);

        WrappedDataKey v2 = dataKeys.rotate(v1);
        WrappedDataKey v3 = dataKeys.rotate(v2);
        DataKey after = dataKeys.unwrap(v3);
        SealedValue fresh = after.seal("email", OTHER_TOKEN, "new value");

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(old.keyVersion()).isEqualTo(before.primaryKeyId());
        assertThat(fresh.keyVersion()).isEqualTo(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
        assertThat(dataKeys.unwrap(v2).primaryKeyId()).isNotIn(before.primaryKeyId(), after.primaryKeyId());
        assertThat(after.openString("email", TOKEN, old)).isEqualTo(PLAINTEXT);
        assertThat(after.openString("email", OTHER_TOKEN, fresh)).isEqualTo("new value");
        assertThatThrownBy(() -> before.open("email", OTHER_TOKEN, fresh))
                .as("the old keyset does not know the new key").isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void aRotatedKeyIsBoundToItsScopeLikeTheFirstOne() {
        WrappedDataKey rotated = dataKeys.rotate(dataKeys.generate(PROFILE));
        WrappedDataKey moved = new WrappedDataKey(new KeyScope(OTHER_SUBJECT, "profile"), rotated.version(),
                rotated.kekVersion(), rotated.wrappedKeyset());

        assertThatThrownBy(() -> dataKeys.unwrap(moved)).isInstanceOf(CryptoException.class);
    }

    @Test
    void forgettingASubjectDropsItsCachedKeysOnly() {
        dataKeys.unwrap(dataKeys.generate(PROFILE));
        dataKeys.unwrap(dataKeys.generate(new KeyScope(SUBJECT, "orders")));
        dataKeys.unwrap(dataKeys.generate(new KeyScope(OTHER_SUBJECT, "profile")));

        dataKeys.forget(SUBJECT);

        assertThat(dataKeys.cachedKeys()).isEqualTo(1);
    }
}
