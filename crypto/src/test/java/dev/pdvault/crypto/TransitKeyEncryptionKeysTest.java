package dev.pdvault.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransitKeyEncryptionKeysTest {

    private static final KeyScope SCOPE = new KeyScope("0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f", "profile");
    private static final KeyScope OTHER = new KeyScope("1c8f7b63-4d2f-5e3b-8a21-6b7c8d9e0f1a", "profile");
    private static final String TOKEN = "tok_0123456789abcdefghjkmnpqrs";

    /** Transit in memory: one AES-GCM key per version; {@code honoursAd} false imitates a Vault before 1.13. */
    private static final class InMemoryTransit implements TransitEngine {
        final List<Aead> keys = new ArrayList<>();
        final boolean honoursAd;
        int minDecryption = 1;

        InMemoryTransit(int versions, boolean honoursAd) throws GeneralSecurityException {
            for (int i = 0; i < versions; i++) {
                keys.add(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                        .getPrimitive(RegistryConfiguration.get(), Aead.class));
            }
            this.honoursAd = honoursAd;
        }

        @Override
        public KeyInfo keyInfo() {
            return new KeyInfo("pdvault-kek", "aes256-gcm96", keys.size(), minDecryption);
        }

        @Override
        public String encrypt(int keyVersion, byte[] plaintext, byte[] ad) throws GeneralSecurityException {
            byte[] c = keys.get(keyVersion - 1).encrypt(plaintext, honoursAd ? ad : new byte[0]);
            return "vault:v" + keyVersion + ":" + Base64.getEncoder().encodeToString(c);
        }

        @Override
        public byte[] decrypt(String ciphertext, byte[] ad) throws GeneralSecurityException {
            String[] parts = ciphertext.split(":", 3);
            int v = Integer.parseInt(parts[1].substring(1));
            if (v < minDecryption) {
                throw new GeneralSecurityException("ciphertext version is disallowed by policy");
            }
            return keys.get(v - 1).decrypt(Base64.getDecoder().decode(parts[2]), honoursAd ? ad : new byte[0]);
        }
    }

    @BeforeAll
    static void register() throws GeneralSecurityException {
        AeadConfig.register();
    }

    @Test
    void eachTransitKeyVersionIsAKekVersionAndTheLatestIsPrimary() throws Exception {
        TransitKeyEncryptionKeys keks = new TransitKeyEncryptionKeys(new InMemoryTransit(3, true));

        assertThat(keks.versions()).containsExactly("transit:pdvault-kek:v1", "transit:pdvault-kek:v2",
                "transit:pdvault-kek:v3");
        assertThat(keks.primaryVersion()).isEqualTo("transit:pdvault-kek:v3");
        assertThat(keks.describe()).contains("pdvault-kek");
    }

    @Test
    void wrapsAndUnwrapsADataKeyBoundToItsScope() throws Exception {
        InMemoryTransit transit = new InMemoryTransit(2, true);
        DataKeys keys = new DataKeys(new TransitKeyEncryptionKeys(transit), 10, Duration.ofMinutes(1));
        WrappedDataKey wrapped = keys.generate(SCOPE);
        SealedValue sealed = keys.unwrap(wrapped).seal("email", TOKEN, "alice");

        assertThat(new String(wrapped.wrappedKeyset(), StandardCharsets.ISO_8859_1)).contains("vault:v2:");
        DataKeys fresh = new DataKeys(new TransitKeyEncryptionKeys(transit), 10, Duration.ofMinutes(1));
        assertThat(fresh.unwrap(wrapped).openString("email", TOKEN, sealed)).isEqualTo("alice");
        WrappedDataKey moved = new WrappedDataKey(OTHER, wrapped.version(), wrapped.kekVersion(),
                wrapped.wrappedKeyset());
        assertThatThrownBy(() -> fresh.unwrap(moved)).isInstanceOf(CryptoException.class);
    }

    @Test
    void aRowClaimingAnotherKekVersionDoesNotUnwrap() throws Exception {
        InMemoryTransit transit = new InMemoryTransit(2, true);
        DataKeys keys = new DataKeys(new TransitKeyEncryptionKeys(transit), 10, Duration.ofMinutes(1));
        WrappedDataKey wrapped = keys.generate(SCOPE);
        WrappedDataKey lying = new WrappedDataKey(SCOPE, 1, "transit:pdvault-kek:v1", wrapped.wrappedKeyset());

        assertThatThrownBy(() -> keys.unwrap(lying)).isInstanceOf(CryptoException.class);
    }

    @Test
    void versionsBelowTheMinimumDecryptionVersionAreGone() throws Exception {
        InMemoryTransit transit = new InMemoryTransit(3, true);
        transit.minDecryption = 3;

        assertThat(new TransitKeyEncryptionKeys(transit).versions()).containsExactly("transit:pdvault-kek:v3");
    }

    @Test
    void refusesATransitThatIgnoresAssociatedData() throws Exception {
        assertThatThrownBy(() -> new TransitKeyEncryptionKeys(new InMemoryTransit(1, false)))
                .isInstanceOf(CryptoException.class).hasMessageContaining("associated_data");
    }

    @Test
    void rotationAndDestructionAreLeftToTransit() throws Exception {
        TransitKeyEncryptionKeys keks = new TransitKeyEncryptionKeys(new InMemoryTransit(1, true));

        assertThatThrownBy(keks::rotate).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> keks.destroy("transit:pdvault-kek:v1"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
