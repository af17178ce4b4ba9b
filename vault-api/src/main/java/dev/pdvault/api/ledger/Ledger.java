package dev.pdvault.api.ledger;

import dev.pdvault.api.ledger.verify.ChainEntry;
import dev.pdvault.api.ledger.verify.Checkpoint;
import dev.pdvault.api.ledger.verify.EventRow;
import dev.pdvault.api.ledger.verify.LedgerChain;
import dev.pdvault.api.ledger.verify.LedgerVerifier;
import dev.pdvault.api.ledger.verify.Proof;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Extends the hash chain and signs checkpoints over it.
 *
 * <p>Global indexes are taken at insert and commit out of order, so a checkpoint never covers a position where an
 * event may still commit: it first takes the highest committed global index, then waits until every transaction of
 * this database that was writing at that moment has ended (their {@code backend_xid} in {@code pg_stat_activity}
 * is gone). Any event with a lower index was inserted before, by one of those transactions, so after the wait every
 * position up to that index is final: an event or a gap (a rolled-back insert). The chain then appends the events
 * after the last checkpoint up to that index, in global order. An event that still appears below a checkpoint
 * later is tampering, and the verifier reports it; the vault checks its own count at each checkpoint too.
 */
@Service
public class Ledger {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);
    private static final long LOCK = 0x6c6564676572L;

    /** No checkpoint could be signed: transactions in flight did not end within {@code vault.ledger.settle-timeout}. */
    public static final class NotSettledException extends RuntimeException {
        NotSettledException() {
            super("transactions in flight did not end in time");
        }
    }

    /** The named checkpoint does not exist. */
    public static final class UnknownCheckpointException extends RuntimeException {
        UnknownCheckpointException(long number) {
            super("no checkpoint " + number);
        }
    }

    /** The named event is not covered by the checkpoint (or does not exist). */
    public static final class NotCoveredException extends RuntimeException {
        NotCoveredException() {
            super("the event is not covered by that checkpoint");
        }
    }

    /**
     * An inclusion proof: the chain value before the event, its leaf, and the leaves after it up to the checkpoint;
     * chaining them from {@code previousChain} gives the checkpoint's head.
     */
    public record Inclusion(Checkpoint checkpoint, String eventIdentifier, long globalIndex, String previousChain,
                            List<ChainEntry> entries) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final LedgerSigner signer;
    private final LedgerProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public Ledger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, LedgerSigner signer,
                  LedgerProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.signer = signer;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Signs a checkpoint over every settled event; with nothing new since the last one and {@code always} false,
     * returns the last one.
     *
     * @throws NotSettledException when writers in flight did not end within the settle timeout
     */
    public synchronized Checkpoint checkpoint(boolean always) {
        signer.keyId();
        long bound = settledBound();
        return transactions.execute(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, LOCK);
            Optional<Checkpoint> last = latest();
            long from = last.map(Checkpoint::lastGlobalIndex).orElse(0L);
            last.ifPresent(this::checkCount);
            if (bound <= from && !always && last.isPresent()) {
                return last.get();
            }
            long number = last.map(Checkpoint::number).orElse(0L) + 1;
            byte[][] chain = {last.map(c -> LedgerChain.unhex(c.head())).orElse(LedgerChain.GENESIS)};
            long[] size = {last.map(Checkpoint::size).orElse(0L)};
            long[] lastIndex = {from};
            List<Object[]> batch = new ArrayList<>();
            jdbc.query(con -> {
                var s = con.prepareStatement("SELECT global_index, event_identifier, aggregate_identifier,"
                        + " sequence_number, type, payload_type, payload_revision, payload, meta_data, time_stamp"
                        + " FROM domain_event_entry WHERE global_index > ? AND global_index <= ?"
                        + " ORDER BY global_index");
                s.setLong(1, from);
                s.setLong(2, bound);
                s.setFetchSize(1000);
                return s;
            }, (ResultSet rs) -> {
                EventRow row = LedgerVerifier.row(rs);
                byte[] leaf = LedgerChain.leaf(row);
                chain[0] = LedgerChain.next(chain[0], leaf);
                size[0]++;
                lastIndex[0] = row.globalIndex();
                batch.add(new Object[]{row.globalIndex(), leaf, chain[0], number});
                if (batch.size() >= 1000) {
                    flush(batch);
                }
            });
            flush(batch);
            Checkpoint checkpoint = signer.sign(number, size[0], lastIndex[0], LedgerChain.hex(chain[0]),
                    clock.instant().toString());
            jdbc.update("INSERT INTO ledger_checkpoint (number, size, last_global_index, head, key_id, signature,"
                            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", checkpoint.number(), checkpoint.size(),
                    checkpoint.lastGlobalIndex(), chain[0], checkpoint.keyId(), checkpoint.signature(),
                    checkpoint.createdAt());
            meters.counter("vault.ledger.checkpoints").increment();
            return checkpoint;
        });
    }

    private void flush(List<Object[]> batch) {
        if (!batch.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO ledger_entry (global_index, leaf, chain, checkpoint) VALUES (?, ?, ?, ?)",
                    batch);
            batch.clear();
        }
    }

    private void checkCount(Checkpoint last) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?",
                Long.class, last.lastGlobalIndex());
        if (count == null || count != last.size()) {
            meters.counter("vault.ledger.divergences").increment();
            log.error("LEDGER DIVERGENCE: checkpoint {} covers {} event(s) up to global index {}, the event store"
                    + " now holds {}; run the verifier (docs/operations.md)", last.number(), last.size(),
                    last.lastGlobalIndex(), count);
        }
    }

    private long settledBound() {
        long bound = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        String writers = jdbc.queryForObject("SELECT coalesce(array_agg(backend_xid)::text, '{}')"
                + " FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL"
                + " AND pid <> pg_backend_pid()", String.class);
        long deadline = System.nanoTime() + properties.settleTimeout().toNanos();
        while (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_stat_activity"
                + " WHERE backend_xid = ANY (?::xid[]))", Boolean.class, writers))) {
            if (System.nanoTime() > deadline) {
                throw new NotSettledException();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotSettledException();
            }
        }
        return bound;
    }

    /** Signs a checkpoint when there are new events, every {@code vault.ledger.checkpoint-interval}. */
    @Scheduled(fixedDelayString = "${vault.ledger.checkpoint-interval:PT1H}",
            initialDelayString = "${vault.ledger.checkpoint-interval:PT1H}")
    public void checkpointWhenDue() {
        if (!signer.isConfigured()) {
            return;
        }
        try {
            checkpoint(false);
        } catch (RuntimeException e) {
            log.warn("Ledger checkpoint postponed: {}", e.getClass().getSimpleName());
        }
    }

    public Optional<Checkpoint> latest() {
        return jdbc.query(SELECT + " ORDER BY number DESC LIMIT 1", Ledger::checkpointOf).stream().findFirst();
    }

    public List<Checkpoint> checkpoints() {
        return jdbc.query(SELECT + " ORDER BY number", Ledger::checkpointOf);
    }

    public Checkpoint checkpoint(long number) {
        return jdbc.query(SELECT + " WHERE number = ?", Ledger::checkpointOf, number).stream().findFirst()
                .orElseThrow(() -> new UnknownCheckpointException(number));
    }

    /** The entries after checkpoint {@code from} (0: from the start) up to checkpoint {@code to}. */
    public Proof consistency(long from, long to) {
        Checkpoint target = checkpoint(to);
        Checkpoint start = from == 0 ? null : checkpoint(from);
        if (start != null && start.number() > target.number()) {
            throw new UnknownCheckpointException(from);
        }
        return new Proof(start, target, entries(start == null ? 0 : start.lastGlobalIndex(),
                target.lastGlobalIndex()));
    }

    public Inclusion inclusion(String eventIdentifier, long number) {
        Checkpoint target = checkpoint(number);
        Long globalIndex = jdbc.query("SELECT e.global_index FROM domain_event_entry e JOIN ledger_entry l"
                        + " ON l.global_index = e.global_index WHERE e.event_identifier = ?",
                rs -> rs.next() ? rs.getLong(1) : null, eventIdentifier);
        if (globalIndex == null || globalIndex > target.lastGlobalIndex()) {
            throw new NotCoveredException();
        }
        String previous = jdbc.query("SELECT chain FROM ledger_entry WHERE global_index < ?"
                        + " ORDER BY global_index DESC LIMIT 1",
                rs -> rs.next() ? LedgerChain.hex(rs.getBytes(1)) : LedgerChain.hex(LedgerChain.GENESIS),
                globalIndex);
        return new Inclusion(target, eventIdentifier, globalIndex, previous,
                entries(globalIndex - 1, target.lastGlobalIndex()));
    }

    private List<ChainEntry> entries(long after, long upTo) {
        return jdbc.query("SELECT global_index, leaf, chain FROM ledger_entry WHERE global_index > ?"
                        + " AND global_index <= ? ORDER BY global_index",
                (rs, i) -> new ChainEntry(rs.getLong(1), LedgerChain.hex(rs.getBytes(2)),
                        LedgerChain.hex(rs.getBytes(3))), after, upTo);
    }

    private static final String SELECT = "SELECT number, size, last_global_index, head, key_id, signature, created_at"
            + " FROM ledger_checkpoint";

    private static Checkpoint checkpointOf(ResultSet rs, int i) throws SQLException {
        return new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getLong(3), LedgerChain.hex(rs.getBytes(4)),
                rs.getLong(5), rs.getString(6), rs.getString(7));
    }

    public String publicKey() {
        return signer.publicKeysetJson();
    }
}
