package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Tells the recipients that received a subject's tokens to stop processing them (after a consent withdrawal). */
public record NotifyRecipients(@TargetAggregateIdentifier SubjectId subjectId, Notice notice,
                               List<Recipient> recipients, String reference, Caller caller, Instant at)
        implements SubjectCommand {

    public NotifyRecipients {
        recipients = List.copyOf(recipients);
    }
}
