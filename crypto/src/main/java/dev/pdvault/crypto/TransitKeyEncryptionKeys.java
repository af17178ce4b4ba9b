package dev.pdvault.crypto;

import com.google.crypto.tink.Aead;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KEKs held by HashiCorp Vault's Transit engine: one Transit key, each of its versions one KEK version, named
 * {@code transit:<key>:v<N>}; the latest is primary. Every wrap and unwrap is a Transit call, so the vault never
 * holds the key material.
 *
 * <p>Associated data is Transit's own {@code associated_data} (Vault 1.13 and later, key types
 * {@code aes128-gcm96}, {@code aes256-gcm96}, {@code chacha20-poly1305}): the data keyset's scope is then
 * authenticated by Transit's AES-GCM itself. {@code context} would not do: it selects a derived key and
 * authenticates nothing on a key that is not derived. An older Vault, or a key type without AEAD, ignores
 * {@code associated_data}; the constructor therefore checks that Transit refuses a ciphertext under different
 * associated data, and refuses to start otherwise.
 *
 * <p>Wrapped bytes are Transit's ASCII ciphertext {@code vault:v<N>:<base64>}. Unwrapping checks that
 * {@code N} is the version stored beside the wrapped key, so a row cannot claim another version than the one
 * that really wrapped it.
 */
public final class TransitKeyEncryptionKeys implements KeyEncryptionKeys {

    private static final String PREFIX = "transit:";

    private final TransitEngine engine;
    private final String keyName;
    private final List<String> versions;
    private final Map<String, Aead> aeads = new ConcurrentHashMap<>();

    /**
     * Reads the key's versions from Transit and proves, with a throw-away probe, that Transit both answers and
     * authenticates associated data.
     *
     * @throws CryptoException when Transit cannot be reached, refuses the vault, or ignores associated data
     */
    public TransitKeyEncryptionKeys(TransitEngine engine) {
        this.engine = engine;
        TransitEngine.KeyInfo info;
        try {
            info = engine.keyInfo();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot read the Transit key", e);
        }
        if (info.latestVersion() < 1) {
            throw new CryptoException("the Transit key has no version");
        }
        this.keyName = info.name();
        List<String> out = new ArrayList<>();
        for (int v = Math.max(1, info.minDecryptionVersion()); v <= info.latestVersion(); v++) {
            out.add(PREFIX + keyName + ":v" + v);
        }
        this.versions = List.copyOf(out);
        probeAssociatedData(info.latestVersion());
    }

    private void probeAssociatedData(int version) {
        byte[] probe = new byte[16];
        new SecureRandom().nextBytes(probe);
        byte[] ad = "pdvault-kek-probe".getBytes(StandardCharsets.US_ASCII);
        String sealed;
        try {
            sealed = engine.encrypt(version, probe, ad);
            if (!Arrays.equals(engine.decrypt(sealed, ad), probe)) {
                throw new CryptoException("Transit did not return the probe it encrypted");
            }
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Transit refused the probe encryption", e);
        }
        boolean ignored;
        try {
            engine.decrypt(sealed, "pdvault-kek-probe-other".getBytes(StandardCharsets.US_ASCII));
            ignored = true;
        } catch (GeneralSecurityException expected) {
            ignored = false;
        }
        if (ignored) {
            throw new CryptoException("Transit ignores associated_data (Vault before 1.13, or a key type without"
                    + " AEAD): refusing to wrap data keys without binding them to their scope");
        }
    }

    @Override
    public String primaryVersion() {
        return versions.get(versions.size() - 1);
    }

    @Override
    public List<String> versions() {
        return versions;
    }

    @Override
    public Aead aead(String version) {
        if (!versions.contains(version)) {
            throw new CryptoException("unknown or destroyed key-encryption key version");
        }
        return aeads.computeIfAbsent(version, v -> new VersionAead(
                Integer.parseInt(v.substring(v.lastIndexOf(":v") + 2))));
    }

    private final class VersionAead implements Aead {
        private final int version;
        private final String expectedPrefix;

        VersionAead(int version) {
            this.version = version;
            this.expectedPrefix = "vault:v" + version + ":";
        }

        @Override
        public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
            String ciphertext = engine.encrypt(version, plaintext, nonNull(associatedData));
            if (!ciphertext.startsWith(expectedPrefix)) {
                throw new GeneralSecurityException("Transit encrypted with another key version");
            }
            return ciphertext.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
            String text = new String(ciphertext, StandardCharsets.US_ASCII);
            if (!text.startsWith(expectedPrefix)) {
                throw new GeneralSecurityException("invalid ciphertext");
            }
            return engine.decrypt(text, nonNull(associatedData));
        }
    }

    private static byte[] nonNull(byte[] associatedData) {
        return associatedData == null ? new byte[0] : associatedData;
    }

    /** Not built through the vault: rotate the key in Transit ({@code POST /v1/transit/keys/<key>/rotate}), then restart. */
    @Override
    public String rotate() {
        throw new UnsupportedOperationException("KEK rotation through Vault Transit is not built: rotate the Transit"
                + " key in Vault and restart (docs/operations.md)");
    }

    /** Not built through the vault: raise the key's {@code min_decryption_version} in Transit once nothing depends on it. */
    @Override
    public void destroy(String version) {
        throw new UnsupportedOperationException("destroying a Transit key version through the vault is not built:"
                + " raise min_decryption_version in Vault once no data key depends on it (docs/operations.md)");
    }

    @Override
    public String describe() {
        return "HashiCorp Vault Transit key " + keyName;
    }
}
