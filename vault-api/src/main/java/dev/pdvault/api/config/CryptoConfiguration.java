package dev.pdvault.api.config;

import dev.pdvault.api.kms.KekSource;
import dev.pdvault.api.kms.SealableKeyEncryptionKeys;
import dev.pdvault.api.kms.VaultSeal;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.KeyEncryptionKeys;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The KEK source chosen by {@code vault.kek.*} (api.kms.KekSource), behind the seal: the vault starts even when
 * the KEK cannot be loaded or reached, sealed until it can.
 */
@Configuration(proxyBeanMethods = false)
public class CryptoConfiguration {

    @Bean
    VaultSeal vaultSeal(VaultProperties properties, ApplicationEventPublisher events) {
        KekSource source = new KekSource(properties.kek());
        return new VaultSeal(source.provider(), source, properties.kek().unsealRetry(), events);
    }

    @Bean
    KeyEncryptionKeys keyEncryptionKeys(VaultSeal seal) {
        return new SealableKeyEncryptionKeys(seal);
    }

    @Bean
    DataKeys dataKeys(KeyEncryptionKeys keks, VaultProperties properties) {
        return new DataKeys(keks, properties.crypto().cacheMaxKeys(), properties.crypto().cacheTtl());
    }
}
