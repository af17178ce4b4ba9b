package dev.pdvault.api.keys;

import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.KeyEncryptionKeys;
import dev.pdvault.domain.keys.api.CompleteKekEpoch;
import dev.pdvault.domain.keys.api.KekState;
import dev.pdvault.domain.keys.api.KekVersion;
import dev.pdvault.domain.keys.api.KekVersionInUseException;
import dev.pdvault.domain.keys.api.RecordErasureReachedBackups;
import dev.pdvault.domain.keys.api.RewrapReason;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.ErasureId;
import dev.pdvault.domain.subject.api.SubjectId;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.pdvault.domain.keys.api.RecordKekRotation.RING;

/**
 * The KEK epoch rollover, made of the separately callable steps of {@link KekLifecycle} and {@link KekRewrapJob},
 * each durable before the next: (1) rotate: a new primary KEK version ({@code KekRotated}); (2) the rewrap job, run
 * to its end here, moves every live data key still wrapped by an older version ({@code KekRewrapStarted} ...
 * {@code KekRewrapCompleted}); (3) retire, then destroy, every older version no live data key depends on any more
 * ({@code KekVersionStateChanged} to {@code DEACTIVATED} and {@code DESTROYED}, {@code KekVersionDestroyed});
 * (4) record {@code ErasureReachedBackups} for every completed erasure whose keys were only ever wrapped by destroyed
 * versions. A rollover a crash interrupted is finished by the next one: the job resumes, an unused version left
 * deactivated is destroyed.
 *
 * <p>One rollover at a time per vault (this object's lock); with several nodes, run it on one of them.
 */
@Service
public class KekEpochs {

    private static final Logger log = LoggerFactory.getLogger(KekEpochs.class);
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
    private final KekLifecycle lifecycle;
    private final KekRewrapJob rewrap;
    private final KeyRing ring;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final VaultProperties properties;

    public KekEpochs(KeyEncryptionKeys keks, DataKeys dataKeys, KekLifecycle lifecycle, KekRewrapJob rewrap,
                     KeyRing ring, CommandGateway commands, JdbcTemplate jdbc, Clock clock, MeterRegistry meters,
                     VaultProperties properties) {
        this.keks = keks;
        this.dataKeys = dataKeys;
        this.lifecycle = lifecycle;
        this.rewrap = rewrap;
        this.ring = ring;
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        this.properties = properties;
    }

    /**
     * Rotates, rewraps, destroys and records, as described above.
     *
     * @throws UnsupportedOperationException when the KEK set cannot be rotated through the vault (a KMS)
     */
    public synchronized Rollover rollover(Caller caller) {
        lifecycle.registerVersions();
        KekLifecycle.Rotation rotation = lifecycle.rotate(caller);
        log.info("KEK epoch {}: new primary {}", rotation.epoch(), rotation.primary());
        KekRewrapJob.Job started = rewrap.start(RewrapReason.EPOCH, caller);
        KekRewrapJob.Job job = rewrap.runPending()
                .filter(j -> j.jobId().equals(started.jobId())).orElse(started);
        List<String> destroyed = destroyUnused(caller);
        dataKeys.forgetAll();
        KeyChanges.announce(jdbc, java.util.List.of(KeyChanges.EVERY_SUBJECT));
        ring.record(status -> commands.sendAndWait(new CompleteKekEpoch(RING, rotation.epoch(), job.rewrapped(),
                clock.instant())));
        meters.counter("vault.kek.epochs").increment();
        meters.counter("vault.kek.destroyed_versions").increment(destroyed.size());
        List<String> reached = recordErasuresReachingBackups();
        log.info("KEK epoch {} done: {} data key(s) rewrapped, {} KEK version(s) destroyed, {} erasure(s) reached"
                + " backups", rotation.epoch(), job.rewrapped(), destroyed.size(), reached.size());
        return new Rollover(rotation.epoch(), rotation.primary(), rotation.previousPrimary(), job.rewrapped(),
                job.failed(), List.copyOf(destroyed), reached);
    }

    /**
     * Retires and destroys every version other than the primary that no live data key depends on; a version a key
     * still depends on (one that could not be unwrapped to be rewrapped) is kept.
     */
    private List<String> destroyUnused(Caller caller) {
        List<String> destroyed = new ArrayList<>();
        for (String version : jdbc.queryForList("SELECT version FROM kek_version WHERE state <> 'DESTROYED'"
                + " ORDER BY created_at, version", String.class)) {
            if (version.equals(keks.primaryVersion()) || lifecycle.liveDataKeys(version) > 0) {
                continue;
            }
            KekState state = lifecycle.state(version);
            if (state == KekState.ACTIVE || state == KekState.SUSPENDED) {
                lifecycle.changeState(version, KekState.DEACTIVATED, caller);
            }
            try {
                lifecycle.destroy(version, caller);
                destroyed.add(version);
                log.info("KEK version {} destroyed", version);
            } catch (KekVersionInUseException e) {
                log.warn("KEK version {} kept: a data key was wrapped by it meanwhile", version);
            }
        }
        return destroyed;
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
                ring.record(status -> commands.sendAndWait(new RecordErasureReachedBackups(RING,
                        new SubjectId(candidate[0]), new ErasureId(candidate[1]),
                        versions.stream().map(v -> KekVersion.of(v[0])).toList(), clock.instant())));
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
