package dev.pdvault.domain.publication.api;

import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;

/**
 * Publishes a version of the privacy policy. A major change (policy: VIII 1.-6.) names the purposes whose
 * consents it affects; those consents are on hold until renewed.
 */
public record PublishPolicyVersion(@TargetAggregateIdentifier String policy, String label, boolean major,
                                   Set<Purpose> affectedPurposes, String summary, Caller caller, Instant at) {

    /** The one policy the vault enforces. */
    public static final String POLICY = "privacy-policy";

    public PublishPolicyVersion {
        affectedPurposes = Set.copyOf(affectedPurposes);
    }
}
