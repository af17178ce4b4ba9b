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

    /** A short, non-secret description for logs and health: which kind of KMS this is. */
    String describe();
}
