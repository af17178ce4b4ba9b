package dev.pdvault.api.feed;

import org.axonframework.config.ProcessingGroup;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Publishes each event's feed messages to RabbitMQ and returns only when the broker confirmed every one: an
 * exception (broker down, nack, no confirm in time) fails the batch, so the processor's token does not advance
 * and the batch is delivered again. At least once; the message id lets consumers drop the repeats.
 */
@ProcessingGroup(FeedPublisher.PROCESSOR)
public class FeedPublisher extends RoutedEvents {

    public static final String PROCESSOR = "feed-amqp";

    private final RabbitTemplate rabbit;
    private final FeedProperties.Amqp settings;

    FeedPublisher(FeedRouter router, RabbitTemplate rabbit, FeedProperties.Amqp settings) {
        super(router);
        this.rabbit = rabbit;
        this.settings = settings;
    }

    @Override
    protected void deliver(List<FeedMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        rabbit.invoke(channel -> {
            for (FeedMessage feed : messages) {
                channel.send(settings.exchange(), routingKey(settings, feed.recipient()), amqp(feed));
            }
            channel.waitForConfirmsOrDie(settings.confirmTimeout().toMillis());
            return null;
        });
    }

    static String routingKey(FeedProperties.Amqp settings, String recipient) {
        return settings.queuePrefix() + recipient;
    }

    private static Message amqp(FeedMessage feed) {
        return MessageBuilder.withBody(FeedJson.text(feed).getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding(StandardCharsets.UTF_8.name())
                .setMessageId(feed.id().toString())
                .setType(feed.type().name())
                .setAppId("pdvault")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
    }
}
