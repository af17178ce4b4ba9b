package dev.pdvault.api.kms;

import com.google.crypto.tink.Aead;
import dev.pdvault.crypto.KeyEncryptionKeys;

import java.util.List;

/**
 * The application's one {@link KeyEncryptionKeys}: the KEKs of {@link VaultSeal} once loaded, and
 * {@link KekUnavailableException} from every call while the vault is sealed.
 */
public final class SealableKeyEncryptionKeys implements KeyEncryptionKeys {

    private final VaultSeal seal;

    public SealableKeyEncryptionKeys(VaultSeal seal) {
        this.seal = seal;
    }

    @Override
    public String primaryVersion() {
        return seal.keys().primaryVersion();
    }

    @Override
    public List<String> versions() {
        return seal.keys().versions();
    }

    @Override
    public Aead aead(String version) {
        return seal.keys().aead(version);
    }

    @Override
    public String rotate() {
        return seal.keys().rotate();
    }

    @Override
    public void destroy(String version) {
        seal.keys().destroy(version);
    }

    @Override
    public String describe() {
        KeyEncryptionKeys keys = seal.current();
        return keys == null ? "sealed (" + seal.provider().setting() + ")" : keys.describe();
    }
}
