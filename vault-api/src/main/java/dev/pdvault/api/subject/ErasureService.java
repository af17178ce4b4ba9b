package dev.pdvault.api.subject;

import dev.pdvault.api.keys.DataKeyStore;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.CompleteErasure;
import dev.pdvault.domain.subject.api.DestroyedKey;
import dev.pdvault.domain.subject.api.ErasureId;
import dev.pdvault.domain.subject.api.RequestErasure;
import dev.pdvault.domain.subject.api.SubjectId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Crash-safe erasure in three steps, each durable before the next: (1) the request is recorded as an event;
 * (2) the subject's data keys are destroyed, idempotently, in their own transaction; (3) the one tombstone
 * event is written. A vault that dies between any two steps finishes the erasure when it starts again.
 */
@Service
public class ErasureService {

    private static final Logger log = LoggerFactory.getLogger(ErasureService.class);

    private final CommandGateway commands;
    private final DataKeyStore keyStore;
    private final Catalogue catalogue;
    private final TransactionTemplate transactions;
    private final ReceiptQuery receipts;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer timer;

    public ErasureService(CommandGateway commands, DataKeyStore keyStore, Catalogue catalogue,
                          TransactionTemplate transactions, ReceiptQuery receipts, JdbcTemplate jdbc, Clock clock,
                          MeterRegistry meters) {
        this.commands = commands;
        this.keyStore = keyStore;
        this.catalogue = catalogue;
        this.transactions = transactions;
        this.receipts = receipts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        this.timer = Timer.builder("vault.erasure.duration").description("Erasure of a subject").register(meters);
    }

    /** Erases the subject, or returns the receipt of its earlier erasure. */
    public ErasureReceipt erase(Caller caller, SubjectId subject) {
        return timer.record(() -> {
            ErasureId erasureId;
            try {
                erasureId = commands.sendAndWait(new RequestErasure(subject,
                        new ErasureId(UUID.randomUUID().toString()), caller, clock.instant()));
            } catch (AggregateNotFoundException e) {
                throw VaultProblem.unknownSubject();
            }
            Optional<ErasureReceipt> done = receipts.find(subject).filter(ErasureReceipt::complete);
            if (done.isPresent()) {
                return done.get();
            }
            finish(subject, erasureId);
            meters.counter("vault.erasures", "outcome", "erased").increment();
            return receipts.find(subject).orElseThrow();
        });
    }

    /** Steps 2 and 3; safe to run again after a crash at any point. */
    void finish(SubjectId subject, ErasureId erasureId) {
        Instant now = clock.instant();
        List<DestroyedKey> destroyed = transactions.execute(
                status -> keyStore.destroyAll(subject, catalogue.keyClasses(), now));
        commands.sendAndWait(new CompleteErasure(subject, erasureId, destroyed, clock.instant()));
    }

    /** Finishes erasures that a crash interrupted after their request was recorded. */
    @EventListener(ApplicationReadyEvent.class)
    public void finishInterruptedErasures() {
        List<Object[]> pending = jdbc.query("SELECT subject_id, erasure_id FROM subject_view"
                + " WHERE status = 'ERASURE_REQUESTED' ORDER BY erasure_requested_at",
                (rs, i) -> new Object[]{rs.getString(1), rs.getString(2)});
        for (Object[] p : pending) {
            SubjectId subject = new SubjectId((String) p[0]);
            log.warn("Finishing an erasure interrupted by a restart: subject {}", subject);
            finish(subject, new ErasureId((String) p[1]));
            meters.counter("vault.erasures", "outcome", "recovered").increment();
        }
    }
}
