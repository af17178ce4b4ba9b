package dev.pdvault.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;

import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KEKs held by a KMS through a Tink {@link KmsClient} ({@code aws-kms://…}, {@code gcp-kms://…}). Each
 * configured key URI is one KEK version; the first is primary. The vault never sees the key material: every
 * wrap and unwrap is a call to the KMS.
 */
public final class KmsKeyEncryptionKeys implements KeyEncryptionKeys {

    private final Map<String, Aead> byVersion = new LinkedHashMap<>();
    private final String primary;

    /** @param keyUris the KEK versions, primary first; each must be served by a registered {@link KmsClient} */
    public KmsKeyEncryptionKeys(List<String> keyUris) {
        if (keyUris.isEmpty()) {
            throw new CryptoException("no KMS key URI configured");
        }
        Tink.register();
        try {
            for (String uri : keyUris) {
                byVersion.put(uri, KmsClients.get(uri).getAead(uri));
            }
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot reach the KMS for a configured key", e);
        }
        this.primary = keyUris.get(0);
    }

    @Override
    public String primaryVersion() {
        return primary;
    }

    @Override
    public List<String> versions() {
        return List.copyOf(byVersion.keySet());
    }

    @Override
    public Aead aead(String version) {
        Aead aead = byVersion.get(version);
        if (aead == null) {
            throw new CryptoException("unknown or destroyed key-encryption key version");
        }
        return aead;
    }

    @Override
    public String describe() {
        return "Tink KMS client";
    }
}
