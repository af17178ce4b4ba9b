package dev.pdvault.api.config;

import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.InsecureLocalKeyEncryptionKeys;
import dev.pdvault.crypto.KeyEncryptionKeys;
import dev.pdvault.crypto.KmsKeyEncryptionKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The KEK source: KMS key URIs when configured, else a development keyset file that is generated on first
 * start, with a loud warning every time it is used.
 */
@Configuration(proxyBeanMethods = false)
public class CryptoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

    @Bean
    KeyEncryptionKeys keyEncryptionKeys(VaultProperties properties) {
        if (!properties.kek().kmsKeyUris().isEmpty()) {
            KeyEncryptionKeys keys = new KmsKeyEncryptionKeys(properties.kek().kmsKeyUris());
            log.info("Key-encryption keys: {} with {} version(s)", keys.describe(), keys.versions().size());
            return keys;
        }
        if (properties.kek().localKeysetFile() == null) {
            throw new IllegalStateException("no key-encryption key: set vault.kek.kms-key-uris, or "
                    + "vault.kek.local-keyset-file for development");
        }
        boolean existed = properties.kek().localKeysetFile().toFile().exists();
        InsecureLocalKeyEncryptionKeys keys = InsecureLocalKeyEncryptionKeys.loadOrGenerate(
                properties.kek().localKeysetFile());
        String banner = "*".repeat(100);
        log.warn("\n{}\n*** DEVELOPMENT KEY-ENCRYPTION KEY {} {}\n*** Anyone who can read this file can unwrap"
                        + " every data key. Never use it for real personal data: set vault.kek.kms-key-uris.\n{}",
                banner, existed ? "loaded from" : "GENERATED in", keys.file(), banner);
        return keys;
    }

    @Bean
    DataKeys dataKeys(KeyEncryptionKeys keks, VaultProperties properties) {
        return new DataKeys(keks, properties.crypto().cacheMaxKeys(), properties.crypto().cacheTtl());
    }
}
