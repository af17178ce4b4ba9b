package dev.pdvault.crypto;

import com.google.crypto.tink.Aead;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * An unwrapped data keyset of one scope, as a primitive. It seals and opens values of that scope only, and
 * always with the associated data of the value's field and token: no caller can forget or forge it.
 *
 * <p>Warning: AES-GCM with random nonces is safe for at most 2^32 encryptions per key (NIST SP 800-38D);
 * the vault counts encryptions per key version and rotates well before that.
 */
public final class DataKey {

    private final KeyScope scope;
    private final Aead aead;

    DataKey(KeyScope scope, Aead aead) {
        this.scope = scope;
        this.aead = aead;
    }

    public KeyScope scope() {
        return scope;
    }

    public SealedValue seal(String field, String token, byte[] plaintext) {
        try {
            return SealedValue.ofTinkCiphertext(aead.encrypt(plaintext, AssociatedData.forValue(scope, field, token)));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("encryption failed");
        }
    }

    public SealedValue seal(String field, String token, String plaintext) {
        return seal(field, token, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws DecryptionFailedException when the value belongs to another scope, field or token, or was altered */
    public byte[] open(String field, String token, SealedValue sealed) {
        try {
            return aead.decrypt(sealed.tinkCiphertext(), AssociatedData.forValue(scope, field, token));
        } catch (GeneralSecurityException e) {
            throw new DecryptionFailedException();
        }
    }

    public String openString(String field, String token, SealedValue sealed) {
        return new String(open(field, token, sealed), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DataKey[" + scope + "]";
    }
}
