package dev.pdvault.api.kms;

import dev.pdvault.crypto.CryptoException;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.KeyEncryptionKeys;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.SealedValue;
import dev.pdvault.crypto.WrappedDataKey;

import java.time.Duration;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every KEK provider must show, through the vault's own {@link DataKeys}, against a stand-in KMS. */
final class EnvelopeChecks {

    static final KeyScope SCOPE = new KeyScope("0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f", "account");
    static final KeyScope OTHER = new KeyScope("1c8f7b63-4d2f-4e3b-8a21-6b7c8d9e0f1a", "account");
    static final String TOKEN = "tok_0123456789abcdefghjkmnpqrs";

    private EnvelopeChecks() {
    }

    static DataKeys dataKeys(KeyEncryptionKeys keks) {
        return new DataKeys(keks, 10, Duration.ofMinutes(1));
    }

    /**
     * Wraps a data keyset through the KMS and unwraps it again in a fresh {@link DataKeys} (no cache), with both
     * calls served by the stand-in; a wrapped key moved to another scope does not unwrap (the associated data
     * reached the KMS). Returns the wrapped key and a value sealed under it.
     */
    static Wrapped wrapAndUnwrap(Supplier<KeyEncryptionKeys> keks, StandInKms kms) {
        int encryptionsBefore = kms.encryptions.get();
        DataKeys keys = dataKeys(keks.get());
        WrappedDataKey wrapped = keys.generate(SCOPE);
        SealedValue sealed = keys.unwrap(wrapped).seal("email", TOKEN, "alice@example.com");
        assertThat(kms.encryptions.get()).as("the KMS wrapped the key").isGreaterThan(encryptionsBefore);

        int decryptionsBefore = kms.decryptions.get();
        assertThat(dataKeys(keks.get()).unwrap(wrapped).openString("email", TOKEN, sealed))
                .isEqualTo("alice@example.com");
        assertThat(kms.decryptions.get()).as("the KMS unwrapped the key").isGreaterThan(decryptionsBefore);

        WrappedDataKey moved = new WrappedDataKey(OTHER, wrapped.version(), wrapped.kekVersion(),
                wrapped.wrappedKeyset());
        assertThatThrownBy(() -> dataKeys(keks.get()).unwrap(moved)).isInstanceOf(CryptoException.class);
        return new Wrapped(wrapped, sealed);
    }

    record Wrapped(WrappedDataKey key, SealedValue sealed) {
    }

    /**
     * The vault holds no KEK material: with the stand-in gone, or replaced by one with other keys on the same
     * address, nothing the vault has can unwrap the data key; with the stand-in back, it unwraps again.
     */
    static void onlyTheKmsCanUnwrap(Supplier<KeyEncryptionKeys> keks, StandInKms kms, Wrapped wrapped,
                                    StandInKms impostor) throws Exception {
        int port = kms.port();
        KeyEncryptionKeys held = keks.get();
        kms.stop();
        assertThatThrownBy(() -> dataKeys(held).unwrap(wrapped.key())).isInstanceOf(CryptoException.class);
        impostor.start(port);
        try {
            assertThatThrownBy(() -> dataKeys(held).unwrap(wrapped.key())).isInstanceOf(CryptoException.class);
        } finally {
            impostor.stop();
        }
        kms.start(port);
        assertThat(dataKeys(held).unwrap(wrapped.key()).openString("email", TOKEN, wrapped.sealed()))
                .isEqualTo("alice@example.com");
    }
}
