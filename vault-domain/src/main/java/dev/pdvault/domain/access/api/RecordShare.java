package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.PolicyChanges;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides and records the disclosure of tokens to a named recipient for a purpose, from the same facts as an
 * access: the recipient may then detokenize exactly these tokens, for this purpose.
 */
public record RecordShare(@TargetAggregateIdentifier AccessId shareId, Caller caller, CallerGrant grant,
                          Recipient recipient, Purpose purpose, Optional<LegalBasis> legalBasis,
                          List<TokenFacts> tokens, Map<SubjectId, SubjectFacts> subjects, PolicyChanges policy,
                          Instant at) {

    public RecordShare {
        tokens = List.copyOf(tokens);
        subjects = Map.copyOf(subjects);
    }
}
