package dev.pdvault.api.ledger;

import dev.pdvault.api.ledger.verify.ChainEntry;
import dev.pdvault.api.ledger.verify.Checkpoint;
import dev.pdvault.api.ledger.verify.EventRow;
import dev.pdvault.api.ledger.verify.Finding;
import dev.pdvault.api.ledger.verify.LedgerVerification;
import dev.pdvault.api.ledger.verify.LedgerVerifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the standalone verifier's logic inside the vault, over the live event store, the latest checkpoint with its
 * chain entries, and the vault's own public key. Reads every event the checkpoint covers, so its cost grows with the
 * store; it runs when an auditor asks, never on a schedule.
 */
@Service
public class LedgerSelfCheck {

    private final Ledger ledger;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public LedgerSelfCheck(Ledger ledger, JdbcTemplate jdbc, Clock clock) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public LedgerStatus status() {
        String checkedAt = clock.instant().toString();
        String publicKey = ledger.publicKey();
        Optional<Checkpoint> latest = ledger.latest();
        if (latest.isEmpty()) {
            long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            return new LedgerStatus(LedgerStatus.State.NO_CHECKPOINT, null, null, null, null,
                    "no checkpoint has been signed yet", events, checkedAt);
        }
        Checkpoint checkpoint = latest.get();
        List<ChainEntry> entries = ledger.consistency(0, checkpoint.number()).entries();
        List<EventRow> covered = new ArrayList<>();
        jdbc.query(con -> {
            var s = con.prepareStatement("SELECT global_index, event_identifier, aggregate_identifier,"
                    + " sequence_number, type, payload_type, payload_revision, payload, meta_data, time_stamp"
                    + " FROM domain_event_entry WHERE global_index <= ? ORDER BY global_index");
            s.setLong(1, checkpoint.lastGlobalIndex());
            s.setFetchSize(1000);
            return s;
        }, rs -> {
            covered.add(LedgerVerifier.row(rs));
        });
        long uncheckpointed = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index > ?",
                Long.class, checkpoint.lastGlobalIndex());
        Finding finding;
        try {
            finding = LedgerVerification.verify(covered, checkpoint, entries, LedgerVerification.publicKey(publicKey));
        } catch (GeneralSecurityException e) {
            finding = new Finding(Finding.Kind.BAD_SIGNATURE, null, "the vault's public key cannot be read");
        }
        if (finding.ok()) {
            return new LedgerStatus(LedgerStatus.State.VERIFIED, checkpoint, checkpoint.lastGlobalIndex(), null,
                    finding.kind(), finding.message(), uncheckpointed, checkedAt);
        }
        return new LedgerStatus(LedgerStatus.State.BROKEN, checkpoint, verifiedBefore(entries, finding.position()),
                finding.position(), finding.kind(), finding.message(), uncheckpointed, checkedAt);
    }

    /** The last checkpointed position before the break; nothing is verified when the break has no position. */
    private static Long verifiedBefore(List<ChainEntry> entries, Long breakAt) {
        if (breakAt == null) {
            return null;
        }
        Long last = null;
        for (ChainEntry entry : entries) {
            if (entry.globalIndex() >= breakAt) {
                break;
            }
            last = entry.globalIndex();
        }
        return last;
    }
}
