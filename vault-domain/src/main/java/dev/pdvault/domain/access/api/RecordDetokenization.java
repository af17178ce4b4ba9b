package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.PolicyChanges;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides and records one detokenization request from the facts the vault gathered for it (inside the same
 * transaction that commits the record): who asks and what it may do, for which purpose, on which legal
 * exception if any, what each token is, and the consents, opt-outs and region of each subject concerned.
 */
public record RecordDetokenization(@TargetAggregateIdentifier AccessId accessId, Caller caller, CallerGrant grant,
                                   Purpose purpose, Optional<LegalBasis> legalBasis, List<TokenFacts> tokens,
                                   Map<SubjectId, SubjectFacts> subjects, PolicyChanges policy, Instant at) {

    public RecordDetokenization {
        tokens = List.copyOf(tokens);
        subjects = Map.copyOf(subjects);
    }
}
