package dev.pdvault.api.keys;

import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.api.kms.KekUnsealed;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.KeyEncryptionKeys;
import dev.pdvault.domain.keys.api.CompleteKekEpoch;
import dev.pdvault.domain.keys.api.KekVersion;
import dev.pdvault.domain.keys.api.RecordErasureReachedBackups;
import dev.pdvault.domain.keys.api.RecordKekRotation;
import dev.pdvault.domain.keys.api.RecordKekVersionDestroyed;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.ErasureId;
import dev.pdvault.domain.subject.api.SubjectId;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.pdvault.domain.keys.api.RecordKekRotation.RING;

/**
 * The KEK epoch rollover, each step durable before the next: (1) rotate: a new primary KEK version, recorded
 * as {@code KekRotated}; (2) rewrap every live data key still wrapped by an older version, in batches, each
 * under its subjects' {@link KeyFence} so it cannot race an erasure, recording every new wrap; (3) retire, then
 * destroy, every older version no live data key depends on any more ({@code KekVersionDestroyed}); (4) record
 * {@code ErasureReachedBackups} for every completed erasure whose keys were only ever wrapped by destroyed
 * versions. A rollover a crash interrupted is finished by the next one: a version found {@code RETIRED} is
 * destroyed, the same primary is not recorded twice.
 *
 * <p>One rollover at a time per vault (this object's lock); with several nodes, run it on one of them.
 */
@Service
public class KekEpochs {

    private static final Logger log = LoggerFactory.getLogger(KekEpochs.class);
    private static final int BATCH = 200;
    private static final Caller SCHEDULE = Caller.of("kek-epoch-schedule");

    /** What one rollover did. */
    public record Rollover(int epoch, String primary, String previousPrimary, long rewrappedKeys, long failedKeys,
                           List<String> destroyedVersions, List<String> erasuresReachingBackups) {
    }

    /** One KEK version and its life cycle, as the vault recorded it. */
    public record Version(String version, String state, Instant createdAt, Instant retiredAt, Instant destroyedAt) {
    }

    private final KeyEncryptionKeys keks;
    private final DataKeys dataKeys;
    private final DataKeyStore keyStore;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final VaultProperties properties;

    public KekEpochs(KeyEncryptionKeys keks, DataKeys dataKeys, DataKeyStore keyStore, CommandGateway commands,
                     JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, MeterRegistry meters,
                     VaultProperties properties) {
        this.keks = keks;
        this.dataKeys = dataKeys;
        this.keyStore = keyStore;
        this.commands = commands;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.properties = properties;
    }

    /**
     * Registers the KEK versions this vault holds, so new data keys can be wrapped by the primary: once the KEK is
     * usable, at start-up or when a sealed vault unseals.
     */
    @EventListener(KekUnsealed.class)
    public void registerVersions() {
        Timestamp now = Timestamp.from(clock.instant());
        for (String version : keks.versions()) {
            jdbc.update("INSERT INTO kek_version (version, state, created_at) VALUES (?, 'ACTIVE', ?)"
                    + " ON CONFLICT DO NOTHING", version, now);
        }
    }

    /**
     * Rotates, rewraps, destroys and records, as described above.
     *
     * @throws UnsupportedOperationException when the KEK set cannot be rotated through the vault (a KMS)
     */
    public synchronized Rollover rollover(Caller caller) {
        registerVersions();
        List<String> destroyed = new ArrayList<>(finishRetired());
        String previous = keks.primaryVersion();
        String primary = keks.rotate();
        jdbc.update("INSERT INTO kek_version (version, state, created_at) VALUES (?, 'ACTIVE', ?)"
                + " ON CONFLICT DO NOTHING", primary, Timestamp.from(clock.instant()));
        int epoch = commands.sendAndWait(new RecordKekRotation(RING, KekVersion.of(primary), KekVersion.of(previous),
                caller, clock.instant()));
        log.info("KEK epoch {}: new primary {}", epoch, primary);

        long rewrapped = 0;
        long failed = 0;
        UUID lastSubject = new UUID(0, 0);
        String lastClass = "";
        while (true) {
            UUID after = lastSubject;
            String afterClass = lastClass;
            DataKeyStore.Rewrap batch = transactions.execute(
                    status -> keyStore.rewrap(after, afterClass, BATCH, clock.instant()));
            if (batch.lastSubject() == null) {
                break;
            }
            rewrapped += batch.rewrapped();
            failed += batch.failed();
            lastSubject = batch.lastSubject();
            lastClass = batch.lastKeyClass();
        }
        if (failed > 0) {
            log.error("KEK epoch {}: {} data key(s) could not be unwrapped to rewrap; their KEK versions are kept",
                    epoch, failed);
        }

        for (String version : keks.versions()) {
            if (!version.equals(keks.primaryVersion()) && retire(version)) {
                destroy(version);
                destroyed.add(version);
            }
        }
        dataKeys.forgetAll();
        commands.sendAndWait(new CompleteKekEpoch(RING, epoch, rewrapped, clock.instant()));
        meters.counter("vault.kek.epochs").increment();
        meters.counter("vault.kek.rewrapped_keys").increment(rewrapped);
        meters.counter("vault.kek.destroyed_versions").increment(destroyed.size());
        List<String> reached = recordErasuresReachingBackups();
        log.info("KEK epoch {} done: {} data key(s) rewrapped, {} KEK version(s) destroyed, {} erasure(s) reached"
                + " backups", epoch, rewrapped, destroyed.size(), reached.size());
        return new Rollover(epoch, primary, previous, rewrapped, failed, List.copyOf(destroyed), reached);
    }

    /**
     * Marks a non-primary version {@code RETIRED} if no live data key depends on it. The version's row is locked
     * first, and a new data key is stored only under an {@code ACTIVE} version's shared row lock, so no key
     * wrapped by it can be stored once this commits; the count runs after the lock, in a fresh snapshot.
     */
    private boolean retire(String version) {
        Boolean retired = transactions.execute(status -> {
            List<String> state = jdbc.queryForList("SELECT state FROM kek_version WHERE version = ? FOR UPDATE",
                    String.class, version);
            if (state.isEmpty() || !state.get(0).equals("ACTIVE")) {
                return state.isEmpty() ? Boolean.FALSE : Boolean.valueOf(state.get(0).equals("RETIRED"));
            }
            Long live = jdbc.queryForObject("SELECT count(*) FROM data_key WHERE kek_version = ?"
                    + " AND wrapped IS NOT NULL", Long.class, version);
            if (live != null && live > 0) {
                return Boolean.FALSE;
            }
            jdbc.update("UPDATE kek_version SET state = 'RETIRED', retired_at = ? WHERE version = ?",
                    Timestamp.from(clock.instant()), version);
            return Boolean.TRUE;
        });
        return Boolean.TRUE.equals(retired);
    }

    /** Destroys a retired version in the KEK set, then records it. */
    private void destroy(String version) {
        if (keks.versions().contains(version)) {
            keks.destroy(version);
        }
        jdbc.update("UPDATE kek_version SET state = 'DESTROYED', destroyed_at = ? WHERE version = ?"
                + " AND state = 'RETIRED'", Timestamp.from(clock.instant()), version);
        commands.sendAndWait(new RecordKekVersionDestroyed(RING, KekVersion.of(version), clock.instant()));
        log.info("KEK version {} destroyed", version);
    }

    /** Versions a crash left retired: destroyed now (or given back to use, if one became the primary again). */
    private List<String> finishRetired() {
        List<String> done = new ArrayList<>();
        for (String version : jdbc.queryForList("SELECT version FROM kek_version WHERE state = 'RETIRED'"
                + " ORDER BY retired_at", String.class)) {
            if (version.equals(keks.primaryVersion())) {
                jdbc.update("UPDATE kek_version SET state = 'ACTIVE', retired_at = NULL WHERE version = ?", version);
                continue;
            }
            destroy(version);
            done.add(version);
        }
        return done;
    }

    /**
     * Records {@code ErasureReachedBackups} for each completed erasure, with nothing retained and no live key
     * left, whose destroyed keys were only ever wrapped by destroyed KEK versions.
     */
    public List<String> recordErasuresReachingBackups() {
        List<String> reached = new ArrayList<>();
        List<String[]> candidates = jdbc.query("SELECT s.subject_id::text, s.erasure_id::text FROM subject_view s"
                        + " WHERE s.status = 'ERASED' AND s.erasure_id IS NOT NULL"
                        + " AND NOT EXISTS (SELECT 1 FROM erasure_backup_reach r WHERE r.subject_id = s.subject_id"
                        + " AND r.erasure_id = s.erasure_id)"
                        + " AND NOT EXISTS (SELECT 1 FROM retention t WHERE t.subject_id = s.subject_id"
                        + " AND t.shredded_at IS NULL)"
                        + " AND NOT EXISTS (SELECT 1 FROM data_key k WHERE k.subject_id = s.subject_id"
                        + " AND k.wrapped IS NOT NULL)"
                        + " ORDER BY s.erased_at, s.subject_id",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2)});
        for (String[] candidate : candidates) {
            UUID subject = UUID.fromString(candidate[0]);
            List<String[]> versions = jdbc.query("SELECT DISTINCT w.kek_version, v.state FROM data_key_wrap w"
                            + " LEFT JOIN kek_version v ON v.version = w.kek_version WHERE w.subject_id = ?"
                            + " ORDER BY w.kek_version",
                    (rs, i) -> new String[]{rs.getString(1), rs.getString(2)}, subject);
            if (versions.stream().allMatch(v -> "DESTROYED".equals(v[1]))) {
                commands.sendAndWait(new RecordErasureReachedBackups(RING, new SubjectId(candidate[0]),
                        new ErasureId(candidate[1]), versions.stream().map(v -> KekVersion.of(v[0])).toList(),
                        clock.instant()));
                reached.add(candidate[0]);
            }
        }
        return reached;
    }

    /** Every KEK version the vault has recorded, oldest first. */
    public List<Version> versions() {
        return jdbc.query("SELECT version, state, created_at, retired_at, destroyed_at FROM kek_version"
                + " ORDER BY created_at, version", (rs, i) -> new Version(rs.getString(1), rs.getString(2),
                rs.getTimestamp(3).toInstant(), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * Rolls the epoch over once the primary is older than {@code vault.kek.epoch-interval}. Checked hourly rather
     * than run on a fixed delay, so restarts do not postpone it. A KEK set that cannot rotate (a KMS) is skipped.
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void rolloverWhenDue() {
        Instant since = jdbc.query("SELECT created_at FROM kek_version WHERE version = ?",
                rs -> rs.next() ? rs.getTimestamp(1).toInstant() : null, keks.primaryVersion());
        if (since == null || since.plus(properties.kek().epochInterval()).isAfter(clock.instant())) {
            return;
        }
        try {
            rollover(SCHEDULE);
        } catch (UnsupportedOperationException e) {
            log.warn("KEK epoch due but {} cannot be rotated through the vault; see docs/operations.md",
                    keks.describe());
        } catch (RuntimeException e) {
            log.error("KEK epoch rollover failed: {}", e.getClass().getName());
        }
    }
}
