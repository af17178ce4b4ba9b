package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Optional;

/**
 * The subject (or, for a subject under 14, a guardian) consents to a scope under a policy version. A guardian's
 * identity arrives sealed under the subject's key, and is collected with the consent.
 */
public record GrantConsent(@TargetAggregateIdentifier SubjectId subjectId, ConsentScope scope, int policyVersion,
                           Optional<GuardianRecord> guardian, Caller caller, Instant at) implements SubjectCommand {
}
