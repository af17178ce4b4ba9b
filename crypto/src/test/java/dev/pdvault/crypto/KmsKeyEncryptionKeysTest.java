package dev.pdvault.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KmsKeyEncryptionKeysTest {

    private static final String PREFIX = "pdvault-test-kms://";
    private static final String KEY_A = PREFIX + "key-a";
    private static final String KEY_B = PREFIX + "key-b";
    private static final KeyScope SCOPE = new KeyScope("0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f", "profile");
    private static final String TOKEN = "tok_0123456789abcdefghjkmnpqrs";

    /** A KMS in memory: one independent AES-GCM key per URI, made on first use. */
    private static final class InMemoryKms implements KmsClient {

        private final Map<String, Aead> keys = new ConcurrentHashMap<>();

        @Override
        public boolean doesSupport(String keyUri) {
            return keyUri != null && keyUri.startsWith(PREFIX);
        }

        @Override
        public KmsClient withCredentials(String credentialPath) {
            return this;
        }

        @Override
        public KmsClient withDefaultCredentials() {
            return this;
        }

        @Override
        public Aead getAead(String keyUri) throws GeneralSecurityException {
            if (!doesSupport(keyUri)) {
                throw new GeneralSecurityException("unsupported key URI");
            }
            return keys.computeIfAbsent(keyUri, uri -> {
                try {
                    return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                            .getPrimitive(RegistryConfiguration.get(), Aead.class);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @BeforeAll
    static void registerKms() throws GeneralSecurityException {
        AeadConfig.register();
        KmsClients.add(new InMemoryKms());
    }

    @Test
    void firstConfiguredKeyIsPrimary() {
        KmsKeyEncryptionKeys keks = new KmsKeyEncryptionKeys(List.of(KEY_A, KEY_B));

        assertThat(keks.primaryVersion()).isEqualTo(KEY_A);
        assertThat(keks.versions()).containsExactly(KEY_A, KEY_B);
        assertThat(keks.aead(KEY_B)).isNotNull();
    }

    @Test
    void refusesAnEmptyConfiguration() {
        assertThatThrownBy(() -> new KmsKeyEncryptionKeys(List.of())).isInstanceOf(CryptoException.class);
    }

    @Test
    void refusesAKeyNoKmsClientServes() {
        assertThatThrownBy(() -> new KmsKeyEncryptionKeys(List.of("no-such-kms://key")))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void refusesAnUnconfiguredVersion() {
        KmsKeyEncryptionKeys keks = new KmsKeyEncryptionKeys(List.of(KEY_A));

        assertThatThrownBy(() -> keks.aead(KEY_B))
                .isInstanceOf(CryptoException.class)
                .hasMessage("unknown or destroyed key-encryption key version");
    }

    @Test
    void rewrapAfterAddingANewPrimaryKekMovesTheKeyToIt() {
        DataKeys beforeRotation = new DataKeys(new KmsKeyEncryptionKeys(List.of(KEY_A)), 10, Duration.ofMinutes(1));
        WrappedDataKey wrapped = beforeRotation.generate(SCOPE);
        SealedValue sealed = beforeRotation.unwrap(wrapped).seal("email", TOKEN, "alice");

        DataKeys rotated = new DataKeys(new KmsKeyEncryptionKeys(List.of(KEY_B, KEY_A)), 10, Duration.ofMinutes(1));
        WrappedDataKey rewrapped = rotated.rewrap(wrapped);

        assertThat(wrapped.kekVersion()).isEqualTo(KEY_A);
        assertThat(rewrapped.kekVersion()).isEqualTo(KEY_B);
        assertThat(rewrapped.version()).isEqualTo(wrapped.version() + 1);

        // after KEY_A is retired, only the rewrapped copy still unwraps
        DataKeys retired = new DataKeys(new KmsKeyEncryptionKeys(List.of(KEY_B)), 10, Duration.ofMinutes(1));
        assertThat(retired.unwrap(rewrapped).openString("email", TOKEN, sealed)).isEqualTo("alice");
        assertThatThrownBy(() -> retired.unwrap(wrapped)).isInstanceOf(CryptoException.class);
    }

    @Test
    void rotationAndDestructionAreLeftToTheKms() {
        KmsKeyEncryptionKeys keks = new KmsKeyEncryptionKeys(List.of(KEY_A, KEY_B));

        assertThatThrownBy(keks::rotate).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("vault.kek.kms-key-uris");
        assertThatThrownBy(() -> keks.destroy(KEY_B)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("KMS");
        assertThat(keks.versions()).containsExactly(KEY_A, KEY_B);
    }
}
