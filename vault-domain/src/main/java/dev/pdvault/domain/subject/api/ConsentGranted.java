package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Optional;

/**
 * A consent is in force from now on, bound to the policy version it was given under; a renewal is another
 * grant. A guardian's consent names the collection that holds the guardian's sealed identity.
 */
@Revision("1")
public record ConsentGranted(SubjectId subjectId, ConsentScope scope, int policyVersion,
                             Optional<CollectionId> guardianRecord, Caller caller, Instant at) {

    /** The catalogue category, and the purpose, under which a guardian's identity is held. */
    public static final String GUARDIAN_CATEGORY = "guardian";
    public static final String GUARDIAN_PURPOSE = "membership";
    public static final String GUARDIAN_SOURCE = "guardian";
}
