package dev.pdvault.crypto;

import java.security.GeneralSecurityException;

/**
 * The few calls of HashiCorp Vault's Transit engine that {@link TransitKeyEncryptionKeys} needs, so that this
 * module stays free of any HTTP client: the application supplies the implementation (Spring Vault).
 * Implementations send associated data as Transit's {@code associated_data} (Vault 1.13 and later, AEAD key
 * types only), never as {@code context}, which is for key derivation.
 */
public interface TransitEngine {

    /** The key's versions as Transit reports them. */
    record KeyInfo(String name, String type, int latestVersion, int minDecryptionVersion) {
    }

    /** Reads the key's metadata ({@code GET /v1/<mount>/keys/<key>}). */
    KeyInfo keyInfo() throws GeneralSecurityException;

    /** {@code POST /v1/<mount>/encrypt/<key>} with {@code key_version}; returns {@code vault:v<N>:<base64>}. */
    String encrypt(int keyVersion, byte[] plaintext, byte[] associatedData) throws GeneralSecurityException;

    /** {@code POST /v1/<mount>/decrypt/<key>}; Transit picks the version from the ciphertext's prefix. */
    byte[] decrypt(String ciphertext, byte[] associatedData) throws GeneralSecurityException;
}
