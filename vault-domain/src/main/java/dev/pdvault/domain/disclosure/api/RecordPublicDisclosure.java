package dev.pdvault.domain.disclosure.api;

import dev.pdvault.domain.access.api.SubjectFacts;
import dev.pdvault.domain.access.api.TokenFacts;
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
 * Decides and records the public disclosure of the data behind these tokens, on one basis, from the facts the
 * vault read for it: what each token is, and the consents of each subject concerned.
 *
 * @param legalBasis present exactly when the basis is {@link PublicDisclosureBasis#LEGAL_EXCEPTION}
 * @param reference  a short code of the case (a violation's case number); never personal data
 */
public record RecordPublicDisclosure(@TargetAggregateIdentifier DisclosureId disclosureId, Caller caller,
                                     Discloser discloser, PublicDisclosureBasis basis, Optional<LegalBasis> legalBasis,
                                     Optional<String> reference, List<TokenFacts> tokens,
                                     Map<SubjectId, SubjectFacts> subjects, PolicyChanges policy, Instant at) {

    public RecordPublicDisclosure {
        tokens = List.copyOf(tokens);
        subjects = Map.copyOf(subjects);
        if (legalBasis.isPresent() != (basis == PublicDisclosureBasis.LEGAL_EXCEPTION)) {
            throw new IllegalArgumentException("a legal basis is named exactly with the basis LEGAL_EXCEPTION");
        }
        if (reference.isPresent() && !LegalBasis.isReference(reference.get())) {
            throw new InvalidIdException("reference");
        }
    }
}
