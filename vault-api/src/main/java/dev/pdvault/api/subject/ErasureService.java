package dev.pdvault.api.subject;

import dev.pdvault.api.commit.UnitOfWorkTransactions;
import dev.pdvault.api.keys.DataKeyStore;
import dev.pdvault.api.keys.KeyChanges;
import dev.pdvault.api.keys.KeyFence;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.CompleteErasure;
import dev.pdvault.domain.subject.api.DestroyedKey;
import dev.pdvault.domain.subject.api.ErasureId;
import dev.pdvault.domain.subject.api.PlanShredding;
import dev.pdvault.domain.subject.api.RecordRetainedShredding;
import dev.pdvault.domain.subject.api.RequestErasure;
import dev.pdvault.domain.subject.api.ShreddingPlan;
import dev.pdvault.domain.subject.api.SubjectId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Crash-safe erasure and retention in two durable steps: (1) the request is recorded as an event; (2) in one
 * transaction, under the subject's exclusive {@link KeyFence} lock, the subject plans what may be shredded now
 * (classes without a retention period at once; transaction records once their deadline passed; nothing under
 * a legal hold, which is recorded instead), those data keys are destroyed, idempotently, and the one tombstone
 * is written, naming what is retained and noticing every recipient of the subject's tokens. The keys and the
 * tombstone commit together or not at all, so a vault that dies anywhere after (1) finds the erasure pending
 * and finishes it when it starts again. Retained classes are shredded by {@link #sweep()} when their deadline
 * passes, the same way.
 */
@Service
public class ErasureService {

    private static final Logger log = LoggerFactory.getLogger(ErasureService.class);

    /**
     * Where a fault-injection test may halt the vault: after the request committed; after the plan and after the
     * key destruction, both inside the transaction that writes the tombstone (which the halt rolls back); after
     * that transaction committed.
     */
    public enum Step { REQUESTED, PLANNED, KEYS_DESTROYED, TOMBSTONED }

    /** What one sweep did. */
    public record Sweep(List<String> erasuresFinished, List<String> retainedShredded, List<String> held) {
    }

    private final CommandGateway commands;
    private final DataKeyStore keyStore;
    private final KeyFence fence;
    private final UnitOfWorkTransactions transactions;
    private final ReceiptQuery receipts;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Step haltAt;

    public ErasureService(CommandGateway commands, DataKeyStore keyStore, KeyFence fence,
                          UnitOfWorkTransactions transactions, ReceiptQuery receipts, JdbcTemplate jdbc,
                          Clock clock, MeterRegistry meters,
                          @Value("${vault.fault.halt-after-erasure-step:}") String haltAt) {
        this.commands = commands;
        this.keyStore = keyStore;
        this.fence = fence;
        this.transactions = transactions;
        this.receipts = receipts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        this.haltAt = haltAt.isBlank() ? null : Step.valueOf(haltAt);
        if (this.haltAt != null) {
            log.error("FAULT INJECTION: this vault halts after erasure step {} (vault.fault.halt-after-erasure-step)."
                    + " Tests only.", this.haltAt);
        }
    }

    /** Fault injection for the crash tests: halts the JVM at once, as a kill -9 would, after the step. */
    private void reached(Step step) {
        if (step == haltAt) {
            Runtime.getRuntime().halt(137);
        }
    }

    /** Erases the subject (or as much as its holds and retention periods allow), or returns its earlier receipt. */
    public ErasureReceipt erase(Caller caller, SubjectId subject) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        try {
            ErasureId requested = new ErasureId(UUID.randomUUID().toString());
            ErasureId erasureId;
            try {
                erasureId = commands.sendAndWait(new RequestErasure(subject, requested, caller, clock.instant()));
            } catch (AggregateNotFoundException e) {
                outcome = "unknown_subject";
                throw VaultProblem.unknownSubject();
            }
            reached(Step.REQUESTED);
            // another id: an earlier erasure is pending (finished below) or complete (its receipt is the answer)
            Optional<ErasureReceipt> done = erasureId.equals(requested) ? Optional.empty()
                    : receipts.find(subject).filter(ErasureReceipt::complete);
            if (done.isPresent()) {
                outcome = "already_erased";
                return done.get();
            }
            boolean finished = finish(subject, erasureId);
            outcome = finished ? "erased" : "held";
            meters.counter("vault.erasures", "outcome", outcome).increment();
            return receipts.find(subject).orElseThrow();
        } finally {
            sample.stop(Timer.builder("vault.erasure.duration").description("Erasure of a subject")
                    .tag("outcome", outcome).register(meters));
        }
    }

    /**
     * Step 2, one transaction; safe to run again after a crash at any point.
     *
     * @return false when a legal hold keeps the erasure pending
     */
    boolean finish(SubjectId subject, ErasureId erasureId) {
        Optional<List<DestroyedKey>> destroyed = transactions.inTransaction(() -> {
            ShreddingPlan plan = fencedPlan(subject);
            if (plan.held()) {
                return Optional.empty();
            }
            reached(Step.PLANNED);
            List<DestroyedKey> keys = keyStore.destroy(subject, plan.due(), clock.instant());
            reached(Step.KEYS_DESTROYED);
            commands.sendAndWait(new CompleteErasure(subject, erasureId, keys, plan.retained(),
                    recipientsOf(subject), clock.instant()));
            return Optional.of(keys);
        });
        if (destroyed.isEmpty()) {
            return false;
        }
        KeyChanges.announceCommitted(jdbc, List.of(subject.value()));
        meters.counter("vault.data_keys.destroyed").increment(destroyed.get().size());
        reached(Step.TOMBSTONED);
        return true;
    }

    /**
     * The subject's plan, made under its exclusive fence lock, which the caller's transaction then holds to its
     * end: the fence before the subject, in the order a consent change takes them, so neither waits for the other
     * holding what the other needs.
     */
    private ShreddingPlan fencedPlan(SubjectId subject) {
        fence.beforeErasure(UUID.fromString(subject.value()));
        return commands.sendAndWait(new PlanShredding(subject, clock.instant()));
    }

    private List<Recipient> recipientsOf(SubjectId subject) {
        return jdbc.queryForList("SELECT DISTINCT recipient FROM share_grant WHERE subject_id = ? ORDER BY recipient",
                String.class, UUID.fromString(subject.value())).stream().map(Recipient::new).toList();
    }

    /**
     * Finishes erasures that a crash or a hold left pending, and shreds retained classes whose deadline passed.
     * Runs at start-up, on a schedule, after a hold is released, and on demand.
     */
    @Scheduled(fixedDelayString = "${vault.retention.sweep-interval:PT1H}",
            initialDelayString = "${vault.retention.sweep-interval:PT1H}")
    public Sweep sweep() {
        List<String> finished = new ArrayList<>();
        List<String> shredded = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (Object[] pending : jdbc.query("SELECT subject_id, erasure_id FROM subject_view"
                        + " WHERE status = 'ERASURE_REQUESTED' ORDER BY erasure_requested_at",
                (rs, i) -> new Object[]{rs.getString(1), rs.getString(2)})) {
            SubjectId subject = new SubjectId((String) pending[0]);
            if (finish(subject, new ErasureId((String) pending[1]))) {
                log.info("Finished a pending erasure: subject {}", subject);
                finished.add(subject.value());
                meters.counter("vault.erasures", "outcome", "recovered").increment();
            } else {
                held.add(subject.value());
            }
        }
        for (String id : jdbc.queryForList("SELECT DISTINCT subject_id::text FROM retention WHERE shredded_at IS NULL"
                + " ORDER BY 1", String.class)) {
            SubjectId subject = new SubjectId(id);
            switch (shredRetained(subject)) {
                case SHREDDED -> shredded.add(id);
                case HELD -> held.add(id);
                case NOT_DUE -> {
                }
            }
        }
        return new Sweep(finished, shredded, held);
    }

    enum Retained { SHREDDED, HELD, NOT_DUE }

    /** Shreds the subject's retained classes whose deadline passed, unless held. */
    Retained shredRetained(SubjectId subject) {
        record Shredded(Retained outcome, List<KeyClass> classes, List<DestroyedKey> keys) {
        }
        Shredded shredded = transactions.inTransaction(() -> {
            ShreddingPlan plan = fencedPlan(subject);
            if (plan.held() || plan.due().isEmpty()) {
                return new Shredded(plan.held() ? Retained.HELD : Retained.NOT_DUE, List.of(), List.of());
            }
            List<DestroyedKey> keys = keyStore.destroy(subject, plan.due(), clock.instant());
            commands.sendAndWait(new RecordRetainedShredding(subject, keys, clock.instant()));
            return new Shredded(Retained.SHREDDED, plan.due(), keys);
        });
        if (shredded.outcome() == Retained.SHREDDED) {
            KeyChanges.announceCommitted(jdbc, List.of(subject.value()));
        }
        meters.counter("vault.data_keys.destroyed").increment(shredded.keys().size());
        meters.counter("vault.retention.shredded").increment(shredded.classes().size());
        return shredded.outcome();
    }

    /** Continues a subject's pending erasure or due retention once nothing holds it any more. */
    public void resume(SubjectId subject) {
        jdbc.query("SELECT status, erasure_id FROM subject_view WHERE subject_id = ?", rs -> {
            String status = rs.getString(1);
            if ("ERASURE_REQUESTED".equals(status)) {
                finish(subject, new ErasureId(rs.getString(2)));
            } else if ("ERASED".equals(status)) {
                shredRetained(subject);
            }
        }, UUID.fromString(subject.value()));
    }

    /** Finishes erasures that a crash interrupted after their request was recorded. */
    @EventListener(ApplicationReadyEvent.class)
    public void finishInterruptedErasures() {
        Sweep sweep = sweep();
        if (!sweep.erasuresFinished().isEmpty()) {
            log.warn("Finished {} erasure(s) interrupted by a restart", sweep.erasuresFinished().size());
        }
    }
}
