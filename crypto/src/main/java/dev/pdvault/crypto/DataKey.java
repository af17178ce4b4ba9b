package dev.pdvault.crypto;

import com.google.crypto.tink.Aead;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * An unwrapped data keyset of one scope, as a primitive. It seals and opens values of that scope only, and
 * always with the associated data of the value's field and token: no caller can forget or forge it.
 *
 * <p>Warning: AES-GCM with random nonces is safe for at most 2^32 encryptions per key (NIST SP 800-38D);
 * the vault counts encryptions per key version and rotates well before that ({@link DataKeys#rotate}). The keyset
 * keeps every older key, so values sealed before a rotation still open.
 */
public final class DataKey {

    private final KeyScope scope;
    private final Aead aead;
    private final long primaryKeyId;

    DataKey(KeyScope scope, Aead aead, long primaryKeyId) {
        this.scope = scope;
        this.aead = aead;
        this.primaryKeyId = primaryKeyId;
    }

    public KeyScope scope() {
        return scope;
    }

    /**
     * The Tink key id (an unsigned 32-bit number) of the keyset's primary key: every value {@link #seal}ed with
     * this key carries it ({@link SealedValue#keyVersion()}), and the vault counts encryptions per key id.
     */
    public long primaryKeyId() {
        return primaryKeyId;
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
