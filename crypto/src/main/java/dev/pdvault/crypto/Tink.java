package dev.pdvault.crypto;

import com.google.crypto.tink.aead.AeadConfig;

import java.security.GeneralSecurityException;

final class Tink {

    private static volatile boolean registered;

    private Tink() {
    }

    static void register() {
        if (!registered) {
            try {
                AeadConfig.register();
                registered = true;
            } catch (GeneralSecurityException e) {
                throw new CryptoException("cannot register Tink AEAD", e);
            }
        }
    }
}
