package dev.pdvault.api.feed;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The event feed (docs/configuration.md): the HTTP feed always runs; delivery over RabbitMQ only when
 * {@code amqp.enabled}, so a vault without a broker starts and serves as before.
 */
@Validated
@ConfigurationProperties("vault.feed")
public record FeedProperties(@DefaultValue("500") @Min(1) @Max(10000) int maxPageSize,
                             @DefaultValue @Valid @NotNull Amqp amqp) {

    /**
     * Delivery over RabbitMQ ({@code spring.rabbitmq.*} says where): the exchange, each recipient's queue name
     * ({@code queuePrefix} + its name, also the routing key's suffix), how long to wait for the broker's confirms,
     * the processor's segments, and how each node takes its share of them.
     */
    public record Amqp(@DefaultValue("false") boolean enabled,
                       @DefaultValue("pdvault.feed") @NotBlank String exchange,
                       @DefaultValue("pdvault.feed.") @NotBlank String queuePrefix,
                       @DefaultValue("PT10S") @NotNull Duration confirmTimeout,
                       @DefaultValue("4") @Min(1) @Max(256) int segments,
                       @DefaultValue("50") @Min(1) int batchSize,
                       @DefaultValue("PT3S") @NotNull Duration balanceInterval,
                       @DefaultValue("PT10S") @NotNull Duration nodeTimeout) {
    }
}
