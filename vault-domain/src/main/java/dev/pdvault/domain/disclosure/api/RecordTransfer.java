package dev.pdvault.domain.disclosure.api;

import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.PolicyChanges;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.shared.InvalidIdException;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides and records the transfer of the named subjects' personal data to another organisation, on one basis,
 * from the facts the vault read for it: each subject's standing and consents, and the policy's major changes.
 *
 * @param legalBasis           the legal exception and its reference; present exactly when the basis is
 *                             {@link TransferBasis#LEGAL_EXCEPTION}
 * @param reference            a short code of the deal or decision (a merger's case number); never personal data
 * @param successorBoundByPolicy whether the new holder has agreed to be bound by this privacy policy
 * @param standings            the known subjects; a requested subject missing here is unknown
 */
public record RecordTransfer(@TargetAggregateIdentifier DisclosureId transferId, Caller caller, Discloser discloser,
                             Organisation organisation, TransferBasis basis, Optional<LegalBasis> legalBasis,
                             Optional<String> reference, boolean successorBoundByPolicy, List<SubjectId> subjects,
                             Map<SubjectId, SubjectStanding> standings, PolicyChanges policy, Instant at) {

    public RecordTransfer {
        subjects = List.copyOf(subjects);
        standings = Map.copyOf(standings);
        if (legalBasis.isPresent() != (basis == TransferBasis.LEGAL_EXCEPTION)) {
            throw new IllegalArgumentException("a legal basis is named exactly with the basis LEGAL_EXCEPTION");
        }
        if (reference.isPresent() && !LegalBasis.isReference(reference.get())) {
            throw new InvalidIdException("reference");
        }
    }
}
