package dev.pdvault.api.policy;

import dev.pdvault.domain.policy.Catalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.io.InputStream;

/** Loads the catalogue at start-up ({@code vault.policy.catalogue}); an invalid file stops the vault. */
@Configuration(proxyBeanMethods = false)
public class PolicyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PolicyConfiguration.class);

    @Bean
    Catalogue catalogue(@Value("${vault.policy.catalogue:classpath:policy/catalogue.yaml}") Resource resource)
            throws IOException {
        try (InputStream in = resource.getInputStream()) {
            Catalogue catalogue = CatalogueLoader.load(in, resource.getDescription());
            log.info("Data catalogue version {}: {} categories, {} purposes", catalogue.version(),
                    catalogue.categories().size(), catalogue.purposes().size());
            return catalogue;
        }
    }
}
