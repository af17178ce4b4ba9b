package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * The subject (or, for a subject under 14, a guardian) consents to a scope under a policy version. A guardian's
 * identity arrives sealed under the subject's key, like any other personal data.
 */
public record GrantConsent(@TargetAggregateIdentifier SubjectId subjectId, ConsentScope scope, int policyVersion,
                           List<SealedField> guardian, Caller caller, Instant at) implements SubjectCommand {

    public GrantConsent {
        guardian = List.copyOf(guardian);
    }
}
