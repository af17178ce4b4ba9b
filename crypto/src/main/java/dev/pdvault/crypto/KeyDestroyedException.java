package dev.pdvault.crypto;

/** The data key of a scope has been destroyed (crypto-shredded): nothing sealed under it can be opened. */
public final class KeyDestroyedException extends CryptoException {

    public KeyDestroyedException() {
        super("data key destroyed");
    }
}
