package dev.pdvault.api.disclosure;

import dev.pdvault.api.policy.PolicyVersions;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.disclosure.api.DisclosureId;
import dev.pdvault.domain.disclosure.api.GroupDimension;
import dev.pdvault.domain.disclosure.api.ReleaseAggregateStatistics;
import dev.pdvault.domain.disclosure.api.StatisticsCandidate;
import dev.pdvault.domain.disclosure.api.StatisticsOutcome;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.ConsentStatus;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.RecipientDefinition;
import dev.pdvault.domain.subject.api.SubjectStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Aggregated statistics for an advertising client: reads every subject that consented to the purpose at some
 * time (its region, age band, standing, that consent and its opt-outs, never its id), and has the
 * {@code StatisticsRelease} aggregate decide, count and suppress, and record the release. The answer holds
 * group counts only.
 */
@Service
public class StatisticsService {

    private static final String CANDIDATES = "SELECT v.region, v.age_band, v.status, c.in_force, c.policy_version,"
            + " COALESCE((SELECT string_agg(o.opt_out, ',') FROM subject_opt_out o WHERE o.subject_id = v.subject_id),"
            + " '') FROM subject_consent c JOIN subject_view v ON v.subject_id = c.subject_id"
            + " WHERE c.purpose = ? AND c.category = ''";

    public record Release(DisclosureId releaseId, StatisticsOutcome outcome, int minimumGroup) {
    }

    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final Catalogue catalogue;
    private final PolicyVersions policy;
    private final Clock clock;
    private final MeterRegistry meters;

    public StatisticsService(CommandGateway commands, TransactionTemplate transactions, JdbcTemplate jdbc,
                             Catalogue catalogue, PolicyVersions policy, Clock clock, MeterRegistry meters) {
        this.commands = commands;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.policy = policy;
        this.clock = clock;
        this.meters = meters;
    }

    public Release release(Identity identity, String recipientName, String purposeName, List<GroupDimension> groupBy) {
        RecipientDefinition recipient = catalogue.recipient(recipientName)
                .orElseThrow(() -> VaultProblem.unknown("recipient"));
        Purpose purpose = catalogue.purpose(purposeName).orElseThrow(() -> VaultProblem.unknown("purpose")).purpose();
        DisclosureId releaseId = new DisclosureId(UUID.randomUUID().toString());
        StatisticsOutcome outcome = transactions.execute(tx -> commands.sendAndWait(new ReleaseAggregateStatistics(
                releaseId, identity.caller(), identity.grant(), recipient.recipient(), purpose, groupBy,
                candidates(purpose, groupBy), policy.changes(), clock.instant())));
        meters.counter("vault.statistics_releases", "outcome",
                outcome.allowed() ? "released" : outcome.denial().get().name().toLowerCase()).increment();
        if (!outcome.allowed()) {
            throw VaultProblem.denied(outcome.denial().get()).with("releaseId", releaseId.value());
        }
        return new Release(releaseId, outcome, catalogue.minimumAggregateGroup());
    }

    private List<StatisticsCandidate> candidates(Purpose purpose, List<GroupDimension> groupBy) {
        List<StatisticsCandidate> candidates = new ArrayList<>();
        ConsentScope scope = ConsentScope.of(purpose);
        jdbc.query(CANDIDATES, rs -> {
            List<String> group = new ArrayList<>(groupBy.size());
            for (GroupDimension dimension : groupBy) {
                group.add(switch (dimension) {
                    case REGION -> rs.getString(1);
                    case AGE_BAND -> rs.getString(2);
                });
            }
            Set<OptOut> optOuts = EnumSet.noneOf(OptOut.class);
            Arrays.stream(rs.getString(6).split(",")).filter(s -> !s.isEmpty()).map(OptOut::valueOf)
                    .forEach(optOuts::add);
            candidates.add(new StatisticsCandidate(group, SubjectStatus.valueOf(rs.getString(3)),
                    Map.of(scope, new ConsentStatus(rs.getBoolean(4), rs.getInt(5))), optOuts));
        }, purpose.name());
        return candidates;
    }
}
