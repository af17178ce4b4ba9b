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
    private final String description;

    /** @param keyUris the KEK versions, primary first; each must be served by a registered {@link KmsClient} */
    public KmsKeyEncryptionKeys(List<String> keyUris) {
        this(keyUris, null, "Tink KMS client");
    }

    /**
     * KEKs served by one given client rather than Tink's global {@link KmsClients} registry (a client with its own
     * endpoint and credentials, say).
     *
     * @param keyUris     the KEK versions, primary first; each must be supported by {@code client}
     * @param description what {@link #describe()} says, e.g. "AWS KMS"
     */
    public KmsKeyEncryptionKeys(List<String> keyUris, KmsClient client, String description) {
        if (keyUris.isEmpty()) {
            throw new CryptoException("no KMS key URI configured");
        }
        Tink.register();
        try {
            for (String uri : keyUris) {
                KmsClient serving = client == null ? KmsClients.get(uri) : client;
                if (!serving.doesSupport(uri)) {
                    throw new CryptoException("the KMS client does not serve a configured key URI");
                }
                byVersion.put(uri, serving.getAead(uri));
            }
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot reach the KMS for a configured key", e);
        }
        this.primary = keyUris.get(0);
        this.description = description;
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

    /**
     * Not built: creating a KMS key is the KMS's business (and its IAM's). Add the new key URI first in
     * {@code vault.kek.kms-key-uris} and restart; the rewrap then moves every data key to it.
     */
    @Override
    public String rotate() {
        throw new UnsupportedOperationException("KEK rotation through a KMS is not built: configure a new key URI"
                + " as the first of vault.kek.kms-key-uris and restart (docs/operations.md)");
    }

    /**
     * Not built: scheduling the destruction of a KMS key version is done in the KMS, after the rollover has
     * moved every data key off it; then remove its URI from the configuration.
     */
    @Override
    public void destroy(String version) {
        throw new UnsupportedOperationException("destroying a KMS key version through the vault is not built:"
                + " schedule its deletion in the KMS once no data key depends on it (docs/operations.md)");
    }

    @Override
    public String describe() {
        return description;
    }
}
