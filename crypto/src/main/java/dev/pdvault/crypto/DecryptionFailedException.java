package dev.pdvault.crypto;

/**
 * A sealed value did not open: wrong subject, field, token or key, or tampered bytes. Deliberately says which
 * of these it was to nobody.
 */
public final class DecryptionFailedException extends CryptoException {

    public DecryptionFailedException() {
        super("invalid ciphertext");
    }
}
