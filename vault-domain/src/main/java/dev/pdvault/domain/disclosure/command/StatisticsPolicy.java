package dev.pdvault.domain.disclosure.command;

import dev.pdvault.domain.access.api.CallerGrant;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.disclosure.api.AggregateGroup;
import dev.pdvault.domain.disclosure.api.AggregateStatisticsReleased;
import dev.pdvault.domain.disclosure.api.ReleaseAggregateStatistics;
import dev.pdvault.domain.disclosure.api.StatisticsCandidate;
import dev.pdvault.domain.disclosure.api.StatisticsOutcome;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.ConsentRules;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.PurposeDefinition;
import dev.pdvault.domain.policy.RecipientDefinition;
import dev.pdvault.domain.policy.RecipientKind;
import dev.pdvault.domain.subject.api.SubjectStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Aggregated statistics for advertising clients (policy: Three (1) 5. (3)), deny by default: the caller may
 * detokenize for {@code advertising}; the recipient is an advertising client of the catalogue; the purpose is
 * advertising. Only subjects that may be used for it are counted — active (not erased, no erasure pending),
 * consent to the purpose in force under the current policy, not opted out of its opt-out (targeting) — and a
 * group with fewer subjects than the catalogue's {@code minimumAggregateGroup} is suppressed: neither its
 * values nor its count are released, only that it was suppressed.
 */
public final class StatisticsPolicy {

    private StatisticsPolicy() {
    }

    public static StatisticsOutcome decide(ReleaseAggregateStatistics release, Catalogue catalogue) {
        CallerGrant grant = release.grant();
        if (!grant.mayDetokenize()) {
            return StatisticsOutcome.deny(DenialReason.CALLER_MAY_NOT_DETOKENIZE);
        }
        if (!grant.purposes().contains(release.purpose())) {
            return StatisticsOutcome.deny(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER);
        }
        RecipientDefinition recipient = catalogue.recipients().get(release.recipient());
        if (recipient == null || recipient.kind() != RecipientKind.ADVERTISING_CLIENT) {
            return StatisticsOutcome.deny(DenialReason.NOT_AN_ADVERTISING_CLIENT);
        }
        PurposeDefinition purpose = catalogue.purposes().get(release.purpose());
        if (purpose == null || !purpose.purpose().name().equals(AggregateStatisticsReleased.STATISTICS_PURPOSE)) {
            return StatisticsOutcome.deny(DenialReason.PURPOSE_NOT_FOR_STATISTICS);
        }
        List<ConsentScope> required = purpose.basic() ? List.of() : List.of(ConsentScope.of(purpose.purpose()));
        Map<List<String>, Integer> counts = new TreeMap<>(StatisticsPolicy::compare);
        for (StatisticsCandidate candidate : release.candidates()) {
            if (candidate.status() == SubjectStatus.ACTIVE
                    && ConsentRules.check(required, candidate.consents(), release.policy()).isEmpty()
                    && (purpose.optOut().isEmpty() || !candidate.optOuts().contains(purpose.optOut().get()))) {
                counts.merge(candidate.group(), 1, Integer::sum);
            }
        }
        List<AggregateGroup> released = new ArrayList<>();
        int suppressed = 0;
        for (Map.Entry<List<String>, Integer> group : counts.entrySet()) {
            if (group.getValue() >= catalogue.minimumAggregateGroup()) {
                released.add(new AggregateGroup(group.getKey(), group.getValue()));
            } else {
                suppressed++;
            }
        }
        return new StatisticsOutcome(Optional.empty(), released, suppressed);
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
