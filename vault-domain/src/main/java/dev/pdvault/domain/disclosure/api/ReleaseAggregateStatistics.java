package dev.pdvault.domain.disclosure.api;

import dev.pdvault.domain.access.api.CallerGrant;
import dev.pdvault.domain.policy.PolicyChanges;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Decides, computes and records aggregated statistics for an advertising client (Three (1) 5. (3)): counts of
 * the subjects who may be used for the purpose, per group, with groups below the catalogue's minimum suppressed.
 * The candidates carry no subject id.
 */
public record ReleaseAggregateStatistics(@TargetAggregateIdentifier DisclosureId releaseId, Caller caller,
                                         CallerGrant grant, Recipient recipient, Purpose purpose,
                                         List<GroupDimension> groupBy, List<StatisticsCandidate> candidates,
                                         PolicyChanges policy, Instant at) {

    public ReleaseAggregateStatistics {
        groupBy = List.copyOf(groupBy);
        candidates = List.copyOf(candidates);
        if (groupBy.isEmpty() || groupBy.size() != groupBy.stream().distinct().count()) {
            throw new IllegalArgumentException("a release groups by at least one dimension, each once");
        }
        for (StatisticsCandidate c : candidates) {
            if (c.group().size() != groupBy.size()) {
                throw new IllegalArgumentException("a candidate has one value per dimension");
            }
        }
    }
}
