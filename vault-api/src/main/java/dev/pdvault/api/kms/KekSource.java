package dev.pdvault.api.kms;

import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.crypto.InsecureLocalKeyEncryptionKeys;
import dev.pdvault.crypto.KeyEncryptionKeys;
import dev.pdvault.crypto.TransitKeyEncryptionKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Loads the KEKs that {@code vault.kek.*} selects. Without {@code vault.kek.provider}, the provider follows from
 * the older settings: {@code kms-key-uris} by their scheme ({@code aws-kms://}, {@code gcp-kms://}), else the
 * local keyset file.
 */
public final class KekSource implements Supplier<KeyEncryptionKeys> {

    private static final Logger log = LoggerFactory.getLogger(KekSource.class);

    private final VaultProperties.Kek kek;
    private final KekProvider provider;

    public KekSource(VaultProperties.Kek kek) {
        this.kek = kek;
        this.provider = providerOf(kek);
    }

    static KekProvider providerOf(VaultProperties.Kek kek) {
        if (kek.provider() != null) {
            return kek.provider();
        }
        if (!kek.kmsKeyUris().isEmpty()) {
            String first = kek.kmsKeyUris().get(0).toLowerCase(Locale.ROOT);
            if (first.startsWith("aws-kms://")) {
                return KekProvider.AWS_KMS;
            }
            if (first.startsWith("gcp-kms://")) {
                return KekProvider.GCP_KMS;
            }
        }
        return KekProvider.LOCAL;
    }

    public KekProvider provider() {
        return provider;
    }

    @Override
    public KeyEncryptionKeys get() {
        return switch (provider) {
            case LOCAL -> local();
            case AWS_KMS -> AwsKms.keyEncryptionKeys(uris("aws-kms://"), kek.aws().endpoint(), kek.aws().region(),
                    DefaultAWSCredentialsProviderChain.getInstance(), kek.timeout());
            case GCP_KMS -> GcpKms.keyEncryptionKeys(uris("gcp-kms://"), kek.gcp().endpoint(),
                    kek.gcp().credentialsFile(), kek.timeout());
            case VAULT_TRANSIT -> transit();
        };
    }

    private List<String> uris(String scheme) {
        if (kek.kmsKeyUris().isEmpty()) {
            throw new IllegalStateException("vault.kek.kms-key-uris is empty: list the " + scheme + " key URIs,"
                    + " primary first");
        }
        for (String uri : kek.kmsKeyUris()) {
            if (!uri.toLowerCase(Locale.ROOT).startsWith(scheme)) {
                throw new IllegalStateException("every vault.kek.kms-key-uris entry must start with " + scheme);
            }
        }
        return kek.kmsKeyUris();
    }

    private KeyEncryptionKeys transit() {
        VaultProperties.Transit transit = kek.transit();
        if (transit.uri() == null || transit.key() == null || transit.key().isBlank()) {
            throw new IllegalStateException("vault.kek.transit.uri and vault.kek.transit.key are required");
        }
        if (transit.token() == null || transit.token().isBlank()) {
            throw new IllegalStateException("no Vault token: set VAULT_KEK_TRANSIT_TOKEN");
        }
        return new TransitKeyEncryptionKeys(SpringVaultTransitEngine.connect(transit.uri(), transit.token(),
                transit.mount(), transit.key(), kek.timeout()));
    }

    private KeyEncryptionKeys local() {
        Path file = kek.localKeysetFile();
        if (file == null) {
            throw new IllegalStateException("no key-encryption key configured: set vault.kek.provider with its"
                    + " settings, or vault.kek.local-keyset-file for development");
        }
        boolean existed = Files.exists(file);
        if (!existed && !kek.createMissingKeyset()) {
            throw new KekUnavailableException("the key-encryption key (local) cannot be loaded: the keyset file"
                    + " does not exist, and vault.kek.create-missing-keyset is false (a new KEK would not open"
                    + " any existing data key)");
        }
        InsecureLocalKeyEncryptionKeys keys;
        try {
            keys = InsecureLocalKeyEncryptionKeys.loadOrGenerate(file);
        } catch (RuntimeException e) {
            if (!existed && e.getCause() instanceof NoSuchFileException) {
                throw new KekUnavailableException("the key-encryption key (local) cannot be created: the keyset"
                        + " file's directory cannot be written");
            }
            throw e;
        }
        String banner = "*".repeat(100);
        log.warn("\n{}\n*** DEVELOPMENT KEY-ENCRYPTION KEY {} {}\n*** Anyone who can read this file can unwrap"
                        + " every data key. Never use it for real personal data: set vault.kek.provider.\n{}",
                banner, existed ? "loaded from" : "GENERATED in", keys.file(), banner);
        return keys;
    }
}
