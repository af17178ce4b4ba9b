package dev.pdvault.domain.disclosure.api;

import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** A statistics release was refused for the reason named; nothing was computed or released. */
@Revision("1")
public record AggregateStatisticsRefused(DisclosureId releaseId, Caller caller, Recipient recipient, Purpose purpose,
                                         List<GroupDimension> groupBy, DenialReason reason, Instant at) {
}
