package dev.pdvault.api.kms;

import com.google.crypto.tink.Aead;

import java.security.GeneralSecurityException;

/**
 * A KMS {@link Aead} whose client-side failures (no connection, a time-out) are {@link GeneralSecurityException}s
 * like its server-side ones. Tink's {@code AwsKmsAead} catches only the AWS SDK's service exceptions, so a KMS
 * that cannot be reached would otherwise throw the SDK's own runtime exception past the vault's crypto API.
 */
record GuardedAead(Aead kms) implements Aead {

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        try {
            return kms.encrypt(plaintext, associatedData);
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("KMS call failed", e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        try {
            return kms.decrypt(ciphertext, associatedData);
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("KMS call failed", e);
        }
    }
}
