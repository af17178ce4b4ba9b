package dev.pdvault.api.kms;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;

import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * A Tink {@link KmsClient} for the key URIs of one scheme ({@link #prefix()}), whose credentials are given when it
 * is built rather than through Tink's {@code withCredentials}. Implementations turn the URI's key path into an AEAD
 * ({@link #aead(String)}), after {@link #getAead} has refused URIs of other schemes, and guard it.
 */
interface PrefixedKmsClient extends KmsClient {

    /** Tink's URI prefix of the scheme, such as {@code aws-kms://}. */
    String prefix();

    /** The AEAD of the key at {@code keyPath}, the URI without its prefix; refuses a malformed path. */
    Aead aead(String keyPath) throws GeneralSecurityException;

    @Override
    default boolean doesSupport(String keyUri) {
        return keyUri != null && keyUri.toLowerCase(Locale.ROOT).startsWith(prefix());
    }

    @Override
    default KmsClient withCredentials(String credentialPath) {
        throw new UnsupportedOperationException("credentials are given to the constructor");
    }

    @Override
    default KmsClient withDefaultCredentials() {
        throw new UnsupportedOperationException("credentials are given to the constructor");
    }

    @Override
    default Aead getAead(String keyUri) throws GeneralSecurityException {
        if (!doesSupport(keyUri)) {
            throw new GeneralSecurityException("not a " + prefix() + " key URI");
        }
        return new GuardedAead(aead(keyUri.substring(prefix().length())));
    }
}
