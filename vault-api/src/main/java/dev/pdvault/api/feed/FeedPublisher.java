package dev.pdvault.api.feed;

import dev.pdvault.domain.access.api.PersonalDataShared;
import dev.pdvault.domain.subject.api.ConsentWithdrawn;
import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.domain.subject.api.OptedOut;
import dev.pdvault.domain.subject.api.PersonalDataCollected;
import dev.pdvault.domain.subject.api.PersonalDataCorrected;
import dev.pdvault.domain.subject.api.RecipientsNotified;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
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
public class FeedPublisher {

    public static final String PROCESSOR = "feed-amqp";

    private final FeedRouter router;
    private final RabbitTemplate rabbit;
    private final FeedProperties.Amqp settings;

    FeedPublisher(FeedRouter router, RabbitTemplate rabbit, FeedProperties.Amqp settings) {
        this.router = router;
        this.rabbit = rabbit;
        this.settings = settings;
    }

    /*
     * One handler per event type the router routes, not one for every event: the processor then reads the other
     * events' types from the store and skips them without deserializing their payloads (access records are most
     * of the history).
     */
    @EventHandler
    void on(PersonalDataCollected event, EventMessage<?> message) {
        route(event, message);
    }

    @EventHandler
    void on(PersonalDataCorrected event, EventMessage<?> message) {
        route(event, message);
    }

    @EventHandler
    void on(PersonalDataShared event, EventMessage<?> message) {
        route(event, message);
    }

    @EventHandler
    void on(ConsentWithdrawn event, EventMessage<?> message) {
        route(event, message);
    }

    @EventHandler
    void on(OptedOut event, EventMessage<?> message) {
        route(event, message);
    }

    @EventHandler
    void on(DataSubjectErased event, EventMessage<?> message) {
        route(event, message);
    }

    @EventHandler
    void on(RecipientsNotified event, EventMessage<?> message) {
        route(event, message);
    }

    private void route(Object event, EventMessage<?> message) {
        List<FeedMessage> messages = router.route(message.getIdentifier(), event);
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
