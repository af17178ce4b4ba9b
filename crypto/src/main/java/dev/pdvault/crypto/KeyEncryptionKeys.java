package dev.pdvault.crypto;

import com.google.crypto.tink.Aead;

import java.util.List;

/**
 * The key-encryption keys (KEKs) that wrap data keysets: the KMS abstraction. Each KEK version has a stable
 * id that is stored beside every data keyset it wraps, so the vault always knows which KEK versions still
 * protect data.
 *
 * <p>Implementations hand out Tink {@link Aead} primitives, never key material: with a real KMS the vault
 * never holds the KEK at all.
 */
public interface KeyEncryptionKeys {

    /** The version that wraps new data keysets. */
    String primaryVersion();

    /** Every version this KMS can still use, primary included. */
    List<String> versions();

    /**
     * The primitive of one version.
     *
     * @throws CryptoException when the version is unknown or destroyed
     */
    Aead aead(String version);

    /**
     * Adds a new KEK version and makes it the primary: data keysets wrapped from now on use it, those wrapped
     * earlier keep their version until they are rewrapped ({@link DataKeys#rewrap}). Durable before it returns.
     *
     * @return the id of the new primary version
     * @throws UnsupportedOperationException when this kind of KMS cannot be rotated through the vault
     */
    String rotate();

    /**
     * Destroys a KEK version for good: every data keyset still wrapped only by it, in the database, its
     * replicas or any backup, can never be unwrapped again. Durable before it returns; the vault must make sure
     * that no live data keyset depends on the version first. The primary version cannot be destroyed.
     *
     * @throws CryptoException when the version is the primary, or unknown, or already destroyed
     * @throws UnsupportedOperationException when this kind of KMS cannot destroy versions through the vault
     */
    void destroy(String version);

    /** A short, non-secret description for logs and health: which kind of KMS this is. */
    String describe();
}
