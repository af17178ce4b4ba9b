package dev.pdvault.api.embedded;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;

/**
 * Stops the embedded PostgreSQL last: the datasource depends on it, so it is destroyed after the datasource
 * and after everything (Axon included) that uses the datasource.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedPostgresLifecycle {

    static final String HANDLE = "vaultEmbeddedPostgres";

    @Bean
    static BeanFactoryPostProcessor embeddedPostgresStopsLast() {
        return (ConfigurableListableBeanFactory factory) -> {
            if (!EmbeddedPostgresEnvironment.isRunning()) {
                return;
            }
            DisposableBean handle = EmbeddedPostgresEnvironment::stop;
            factory.registerSingleton(HANDLE, handle);
            if (factory instanceof DefaultListableBeanFactory registry) {
                registry.registerDisposableBean(HANDLE, handle);
            }
            if (factory.containsBeanDefinition("dataSource")) {
                var definition = factory.getBeanDefinition("dataSource");
                String[] before = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                String[] after = Arrays.copyOf(before, before.length + 1);
                after[before.length] = HANDLE;
                definition.setDependsOn(after);
            }
        };
    }
}
