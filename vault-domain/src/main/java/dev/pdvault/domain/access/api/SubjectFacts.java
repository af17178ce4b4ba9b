package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.ConsentStatus;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.subject.api.Region;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.SubjectStatus;

import java.util.Map;
import java.util.Set;

/**
 * What the vault knew about a subject whose data was asked for: where it is in its life (data kept after an
 * erasure request opens only on a legal exception), its region, consents and opt-outs.
 */
public record SubjectFacts(SubjectId subjectId, SubjectStatus status, Region region,
                           Map<ConsentScope, ConsentStatus> consents, Set<OptOut> optOuts) {

    public SubjectFacts {
        consents = Map.copyOf(consents);
        optOuts = Set.copyOf(optOuts);
    }

    public SubjectFacts(SubjectId subjectId, Region region, Map<ConsentScope, ConsentStatus> consents,
                        Set<OptOut> optOuts) {
        this(subjectId, SubjectStatus.ACTIVE, region, consents, optOuts);
    }
}
