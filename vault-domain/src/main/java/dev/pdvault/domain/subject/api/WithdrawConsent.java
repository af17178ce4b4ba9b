package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The subject withdraws a consent: every later access relying on it is denied; earlier processing stays lawful. */
public record WithdrawConsent(@TargetAggregateIdentifier SubjectId subjectId, ConsentScope scope, Caller caller,
                              Instant at) implements SubjectCommand {
}
