package dev.pdvault.api.disclosure;

import dev.pdvault.api.keys.KeyFence;
import dev.pdvault.api.policy.PolicyVersions;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.disclosure.api.DisclosureId;
import dev.pdvault.domain.disclosure.api.DisclosureVerdict;
import dev.pdvault.domain.disclosure.api.Organisation;
import dev.pdvault.domain.disclosure.api.RecordTransfer;
import dev.pdvault.domain.disclosure.api.SubjectStanding;
import dev.pdvault.domain.disclosure.api.TransferBasis;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.ConsentStatus;
import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.SubjectStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Transfers of subjects' personal data to another organisation: in one transaction, take the subjects' fence
 * (so a consent withdrawal or an erasure that committed first is seen), read each subject's standing and
 * consents, and have the {@code Transfer} aggregate decide and record. Nothing is decrypted here: the record
 * is the authority for the hand-over, which happens outside the vault.
 */
@Service
public class TransferService {

    public record Transferred(DisclosureId transferId, int subjects) {
    }

    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final KeyFence fence;
    private final PolicyVersions policy;
    private final Clock clock;
    private final MeterRegistry meters;

    public TransferService(CommandGateway commands, TransactionTemplate transactions, JdbcTemplate jdbc, KeyFence fence,
                           PolicyVersions policy, Clock clock, MeterRegistry meters) {
        this.commands = commands;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.fence = fence;
        this.policy = policy;
        this.clock = clock;
        this.meters = meters;
    }

    public Transferred transfer(Identity identity, Organisation organisation, TransferBasis basis,
                                Optional<LegalBasis> legalBasis, Optional<String> reference,
                                boolean successorBoundByPolicy, List<SubjectId> subjects) {
        DisclosureId transferId = new DisclosureId(UUID.randomUUID().toString());
        DisclosureVerdict verdict = transactions.execute(tx -> {
            List<UUID> ids = subjects.stream().map(s -> UUID.fromString(s.value())).toList();
            fence.beforeAccess(ids);
            return commands.sendAndWait(new RecordTransfer(transferId, identity.caller(),
                    DisclosureRequests.discloser(identity), organisation, basis, legalBasis, reference,
                    successorBoundByPolicy, subjects, standings(ids), policy.changes(), clock.instant()));
        });
        meters.counter("vault.transfers", "basis", basis.name().toLowerCase(), "outcome",
                verdict.allowed() ? "transferred" : verdict.denial().get().name().toLowerCase()).increment();
        if (!verdict.allowed()) {
            throw VaultProblem.denied(verdict.denial().get()).with("transferId", transferId.value())
                    .with("refusedSubjects", verdict.refusedSubjects().stream().map(SubjectId::value).toList());
        }
        return new Transferred(transferId, subjects.size());
    }

    /**
     * One index probe per subject: a prepared statement soon runs its generic plan, in which {@code = ANY} of a
     * parameter array scans the whole table (as {@code DetokenizeService}'s subject facts explain).
     */
    private Map<SubjectId, SubjectStanding> standings(List<UUID> ids) {
        Object[] array = ids.toArray();
        Map<SubjectId, SubjectStatus> status = new HashMap<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT v.subject_id, v.status FROM unnest(?::uuid[]) AS s(id),"
                    + " LATERAL (SELECT subject_id, status FROM subject_view WHERE subject_id = s.id OFFSET 0) v");
            ps.setArray(1, con.createArrayOf("uuid", array));
            return ps;
        }, rs -> {
            status.put(new SubjectId(rs.getString(1)), SubjectStatus.valueOf(rs.getString(2)));
        });
        Map<SubjectId, Map<ConsentScope, ConsentStatus>> consents = new HashMap<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT c.subject_id, c.purpose, c.category, c.in_force,"
                    + " c.policy_version FROM unnest(?::uuid[]) AS s(id), LATERAL (SELECT subject_id, purpose,"
                    + " category, in_force, policy_version FROM subject_consent WHERE subject_id = s.id OFFSET 0) c");
            ps.setArray(1, con.createArrayOf("uuid", array));
            return ps;
        }, rs -> {
            Purpose purpose = new Purpose(rs.getString(2));
            String category = rs.getString(3);
            consents.computeIfAbsent(new SubjectId(rs.getString(1)), k -> new HashMap<>()).put(category.isEmpty()
                            ? ConsentScope.of(purpose) : ConsentScope.of(purpose, new Category(category)),
                    new ConsentStatus(rs.getBoolean(4), rs.getInt(5)));
        });
        Map<SubjectId, SubjectStanding> standings = new HashMap<>();
        status.forEach((id, s) -> standings.put(id, new SubjectStanding(id, s, consents.getOrDefault(id, Map.of()))));
        return standings;
    }
}
