package dev.pdvault.domain.disclosure.api;

import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.ConsentStatus;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.subject.api.SubjectStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One subject as a statistics release sees it, without its id: its group (the values of the release's
 * dimensions, in order), its standing, its consents and its opt-outs.
 */
public record StatisticsCandidate(List<String> group, SubjectStatus status, Map<ConsentScope, ConsentStatus> consents,
                                  Set<OptOut> optOuts) {

    public StatisticsCandidate {
        group = List.copyOf(group);
        consents = Map.copyOf(consents);
        optOuts = Set.copyOf(optOuts);
    }
}
