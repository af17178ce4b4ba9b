package dev.pdvault.domain.disclosure.api;

import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * Aggregated statistics were released to an advertising client: how many groups, how many suppressed for being
 * smaller than the catalogue's minimum. Names no subject, token or value.
 */
@Revision("1")
public record AggregateStatisticsReleased(DisclosureId releaseId, Caller caller, Recipient recipient, Purpose purpose,
                                          List<GroupDimension> groupBy, int groupsReleased, int groupsSuppressed,
                                          Instant at) {

    /** The only purpose statistics are released for. */
    public static final String STATISTICS_PURPOSE = "advertising";
}
