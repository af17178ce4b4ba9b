package dev.pdvault.crypto;

/**
 * A failure of the crypto layer. Messages never carry plaintext, keys or key material: like Tink, they say
 * what failed and nothing more.
 */
public class CryptoException extends RuntimeException {

    public CryptoException(String message) {
        super(message, null, false, false);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
