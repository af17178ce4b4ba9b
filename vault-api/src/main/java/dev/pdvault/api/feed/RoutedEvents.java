package dev.pdvault.api.feed;

import dev.pdvault.domain.access.api.PersonalDataShared;
import dev.pdvault.domain.subject.api.ConsentWithdrawn;
import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.domain.subject.api.OptedOut;
import dev.pdvault.domain.subject.api.PersonalDataCollected;
import dev.pdvault.domain.subject.api.PersonalDataCorrected;
import dev.pdvault.domain.subject.api.RecipientsNotified;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * The events the feed routes, one handler each, and nothing else: a processor then reads the other events' types
 * from the store and skips them without deserializing their payloads (access records are most of the history,
 * and deserializing them was a fifth of the vault's CPU while detokenizing). Each handler hands the messages
 * {@link FeedRouter} makes of its event to {@link #deliver}.
 */
abstract class RoutedEvents {

    private final FeedRouter router;

    RoutedEvents(FeedRouter router) {
        this.router = router;
    }

    /** Delivers one event's messages; called once per routed event, also when it makes none. */
    protected abstract void deliver(List<FeedMessage> messages);

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
        deliver(router.route(message.getIdentifier(), event));
    }
}
