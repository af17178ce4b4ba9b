package dev.pdvault.api.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.security.IdentityRegistry;
import dev.pdvault.domain.policy.Catalogue;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * The feed's processors: {@code feed-log} (one segment, writes the HTTP feed) always; {@code feed-amqp}
 * (several segments, publishes to RabbitMQ) when {@code vault.feed.amqp.enabled}. Both are pooled streaming
 * processors whose tokens live in {@code token_entry}; both start at the beginning of the event store.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class FeedConfiguration {

    private static final int LOG_BATCH_SIZE = 100;

    @Bean
    FeedAudience feedAudience(IdentityRegistry identities, Catalogue catalogue) {
        return new FeedAudience(identities.identities(), catalogue);
    }

    @Bean
    FeedRouter feedRouter(FeedAudience audience, JdbcTemplate jdbc) {
        return new FeedRouter(audience, new JdbcFeedFacts(jdbc));
    }

    @Bean
    FeedLog feedLog(FeedRouter router, JdbcTemplate jdbc, ObjectMapper json) {
        return new FeedLog(router, jdbc, json);
    }

    @Bean
    ConfigurerModule feedLogProcessor() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessor(FeedLog.PROCESSOR,
                Configuration::eventStore, (c, builder) -> builder.initialSegmentCount(1).batchSize(LOG_BATCH_SIZE));
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "vault.feed.amqp.enabled", havingValue = "true")
    static class Amqp {

        @Bean
        ConfigurerModule feedAmqpProcessor(FeedProperties properties) {
            FeedProperties.Amqp amqp = properties.amqp();
            return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessor(
                    FeedPublisher.PROCESSOR, Configuration::eventStore, (c, builder) -> builder
                            .initialSegmentCount(amqp.segments()).batchSize(amqp.batchSize()));
        }

        /** A durable direct exchange and one durable queue per recipient, bound by the queue's name. */
        @Bean
        Declarables feedTopology(FeedAudience audience, FeedProperties properties) {
            FeedProperties.Amqp amqp = properties.amqp();
            DirectExchange exchange = new DirectExchange(amqp.exchange(), true, false);
            List<Declarable> declarables = new ArrayList<>(List.of(exchange));
            for (String recipient : audience.addresses()) {
                Queue queue = new Queue(FeedPublisher.routingKey(amqp, recipient), true, false, false);
                Binding binding = BindingBuilder.bind(queue).to(exchange).with(queue.getName());
                declarables.add(queue);
                declarables.add(binding);
            }
            return new Declarables(declarables);
        }

        @Bean
        FeedPublisher feedPublisher(FeedRouter router, RabbitTemplate rabbit, FeedProperties properties) {
            return new FeedPublisher(router, rabbit, properties.amqp());
        }

        @Bean(destroyMethod = "leave")
        SegmentBalancer segmentBalancer(EventProcessingConfiguration processors, JdbcTemplate jdbc,
                                        FeedProperties properties) {
            return new SegmentBalancer(processors, jdbc, properties.amqp());
        }
    }
}
