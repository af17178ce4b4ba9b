package dev.pdvault.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes Spring MVC's handler look-up out of the security filter chain. With Spring MVC present, Spring Security
 * wraps its filter chain in a composite whose first filter ({@code HandlerMappingIntrospector}'s cache filter)
 * finds, for every request, the MVC handler it would go to, so that MVC request matchers and CORS decisions can
 * reuse it. This chain uses neither (its matcher is a path test and every request must be authenticated; no
 * CORS), so the look-up is work for nothing: 6.6% of the vault's CPU while detokenizing, where the request goes to
 * a servlet of its own and the look-up searches every MVC mapping before finding none.
 *
 * <p>Runs after every registry post-processor, Spring Security's among them, and removes that one filter from the
 * composite's list; the chain itself is unchanged. {@code WithoutMvcIntrospectionIT} checks that a request through
 * the chain no longer carries the look-up's cached result, and would fail if Spring Security's composite changed.
 */
final class WithoutMvcIntrospection implements BeanFactoryPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(WithoutMvcIntrospection.class);

    static final String FILTER_CHAIN = "springSecurityFilterChain";
    static final String CACHE_FILTER_FACTORY = "org.springframework.security.config.annotation.web.configuration"
            + ".WebMvcSecurityConfiguration$HandlerMappingIntrospectorCacheFilterFactoryBean";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beans) throws BeansException {
        if (!beans.containsBeanDefinition(FILTER_CHAIN)) {
            return;
        }
        BeanDefinition chain = beans.getBeanDefinition(FILTER_CHAIN);
        ConstructorArgumentValues arguments = chain.getConstructorArgumentValues();
        List<ConstructorArgumentValues.ValueHolder> values = new ArrayList<>(arguments.getGenericArgumentValues());
        values.addAll(arguments.getIndexedArgumentValues().values());
        for (ConstructorArgumentValues.ValueHolder value : values) {
            if (value.getValue() instanceof List<?> filters && filters.removeIf(WithoutMvcIntrospection::isCacheFilter)) {
                log.debug("Removed Spring MVC's handler look-up from the security filter chain");
            }
        }
    }

    private static boolean isCacheFilter(Object filter) {
        return filter instanceof BeanDefinition definition && CACHE_FILTER_FACTORY.equals(definition.getBeanClassName());
    }
}
