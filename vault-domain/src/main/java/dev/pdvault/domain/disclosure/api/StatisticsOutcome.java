package dev.pdvault.domain.disclosure.api;

import dev.pdvault.domain.access.api.DenialReason;

import java.util.List;
import java.util.Optional;

/** What a statistics release decided: refused for a reason, or the groups released and how many were suppressed. */
public record StatisticsOutcome(Optional<DenialReason> denial, List<AggregateGroup> released, int suppressed) {

    public StatisticsOutcome {
        released = List.copyOf(released);
    }

    public static StatisticsOutcome deny(DenialReason reason) {
        return new StatisticsOutcome(Optional.of(reason), List.of(), 0);
    }

    public boolean allowed() {
        return denial.isEmpty();
    }
}
