package dev.pdvault.domain.disclosure.command;

import dev.pdvault.domain.disclosure.api.AggregateStatisticsRefused;
import dev.pdvault.domain.disclosure.api.AggregateStatisticsReleased;
import dev.pdvault.domain.disclosure.api.DisclosureId;
import dev.pdvault.domain.disclosure.api.ReleaseAggregateStatistics;
import dev.pdvault.domain.disclosure.api.StatisticsOutcome;
import dev.pdvault.domain.policy.Catalogue;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One release of aggregated statistics to an advertising client, decided and computed by
 * {@link StatisticsPolicy} and recorded, released or refused. The record holds the number of groups released
 * and suppressed, never a subject; the counts themselves go only to the caller.
 */
public class StatisticsRelease {

    @AggregateIdentifier
    private DisclosureId releaseId;

    protected StatisticsRelease() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public StatisticsOutcome handle(ReleaseAggregateStatistics cmd, Catalogue catalogue) {
        StatisticsOutcome outcome = StatisticsPolicy.decide(cmd, catalogue);
        if (outcome.allowed()) {
            apply(new AggregateStatisticsReleased(cmd.releaseId(), cmd.caller(), cmd.recipient(), cmd.purpose(),
                    cmd.groupBy(), outcome.released().size(), outcome.suppressed(), cmd.at()));
        } else {
            apply(new AggregateStatisticsRefused(cmd.releaseId(), cmd.caller(), cmd.recipient(), cmd.purpose(),
                    cmd.groupBy(), outcome.denial().get(), cmd.at()));
        }
        return outcome;
    }

    @EventSourcingHandler
    void on(AggregateStatisticsReleased event) {
        releaseId = event.releaseId();
    }

    @EventSourcingHandler
    void on(AggregateStatisticsRefused event) {
        releaseId = event.releaseId();
    }
}
