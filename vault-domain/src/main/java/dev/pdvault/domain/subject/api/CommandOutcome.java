package dev.pdvault.domain.subject.api;

import java.util.Optional;

/**
 * What a command handler answers: accepted, or refused with a reason. A refusal is an event too, so it is
 * returned rather than thrown: throwing would roll the refusal event back.
 */
public record CommandOutcome(Optional<RefusalReason> refusal) {

    public static final CommandOutcome ACCEPTED = new CommandOutcome(Optional.empty());

    public static CommandOutcome refused(RefusalReason reason) {
        return new CommandOutcome(Optional.of(reason));
    }

    public boolean accepted() {
        return refusal.isEmpty();
    }
}
