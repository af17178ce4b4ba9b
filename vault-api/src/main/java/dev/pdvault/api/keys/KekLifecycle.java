package dev.pdvault.api.keys;

import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.KeyEncryptionKeys;
import dev.pdvault.domain.keys.api.ChangeKekVersionState;
import dev.pdvault.domain.keys.api.KekState;
import dev.pdvault.domain.keys.api.KekVersion;
import dev.pdvault.domain.keys.api.RecordKekRotation;
import dev.pdvault.domain.keys.api.RecordKekVersionDestroyed;
import dev.pdvault.domain.keys.api.RewrapReason;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.pdvault.api.kms.KekUnsealed;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static dev.pdvault.domain.keys.api.RecordKekRotation.RING;

/**
 * The steps of KEK version management, each callable on its own: register, rotate (a new primary), change a
 * version's state (suspend, reactivate, retire, compromise) and destroy. Every move is decided by the key ring
 * ({@code KekVersionStateChanged}) in the transaction that updates table {@code kek_version} under the version's row
 * lock; new data keys are stored only under an {@code ACTIVE} version's shared lock of that row.
 */
@Service
public class KekLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KekLifecycle.class);
    static final Caller VAULT = Caller.of("vault");

    /** A new primary, and the epoch it opened. */
    public record Rotation(int epoch, String primary, String previousPrimary) {
    }

    /** A version after a move. */
    public record Moved(String version, KekState from, KekState state, long liveDataKeys, String rewrapJob) {
    }

    /** No such KEK version was ever recorded by this vault. */
    public static class UnknownKekVersionException extends RuntimeException {
        public UnknownKekVersionException() {
            super("unknown KEK version", null, false, false);
        }
    }

    private final KeyEncryptionKeys keks;
    private final DataKeys dataKeys;
    private final KeyRing ring;
    private final KekRewrapJob rewrap;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public KekLifecycle(KeyEncryptionKeys keks, DataKeys dataKeys, KeyRing ring, KekRewrapJob rewrap,
                        CommandGateway commands, JdbcTemplate jdbc, Clock clock) {
        this.keks = keks;
        this.dataKeys = dataKeys;
        this.ring = ring;
        this.rewrap = rewrap;
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Registers the KEK versions this vault holds that it has not recorded yet, so the primary can wrap: once the
     * KEK is usable, at start-up or when a sealed vault unseals.
     */
    @EventListener(KekUnsealed.class)
    public void registerVersions() {
        for (String version : keks.versions()) {
            ring.record(status -> {
                Instant now = clock.instant();
                int inserted = jdbc.update("INSERT INTO kek_version (version, state, created_at, state_since, state_by)"
                        + " VALUES (?, 'ACTIVE', ?, ?, ?) ON CONFLICT DO NOTHING", version, Timestamp.from(now),
                        Timestamp.from(now), VAULT.name());
                if (inserted == 1) {
                    generated(version, VAULT, now);
                }
                return null;
            });
        }
    }

    /** The events of a version just generated and put to use: none, pre-activation, active. */
    private void generated(String version, Caller caller, Instant now) {
        KekVersion v = KekVersion.of(version);
        commands.sendAndWait(new ChangeKekVersionState(RING, v, null, KekState.PRE_ACTIVATION, false, 0, caller, now));
        commands.sendAndWait(new ChangeKekVersionState(RING, v, KekState.PRE_ACTIVATION, KekState.ACTIVE, true, 0,
                caller, now));
    }

    /**
     * A new KEK version becomes the primary; data keys wrapped earlier keep their version until the rewrap job moves
     * them. Old versions stay {@code ACTIVE} (they unwrap) until retired.
     *
     * @throws UnsupportedOperationException when the KEK set cannot be rotated through the vault (a KMS)
     */
    public synchronized Rotation rotate(Caller caller) {
        String previous = keks.primaryVersion();
        String primary = keks.rotate();
        int epoch = ring.record(status -> {
            Instant now = clock.instant();
            // a collection racing the rotation may already have registered the new version (DataKeyStore)
            jdbc.update("INSERT INTO kek_version (version, state, created_at, state_since, state_by)"
                    + " VALUES (?, 'ACTIVE', ?, ?, ?) ON CONFLICT (version) DO UPDATE SET state_by = EXCLUDED.state_by",
                    primary, Timestamp.from(now), Timestamp.from(now), caller.name());
            generated(primary, caller, now);
            return commands.<Integer>sendAndWait(new RecordKekRotation(RING, KekVersion.of(primary),
                    KekVersion.of(previous), caller, now));
        });
        log.info("KEK rotated: new primary {} (epoch {}), previous {}", primary, epoch, previous);
        return new Rotation(epoch, primary, previous);
    }

    /**
     * Moves a version to {@code target}. Marking the primary compromised rotates first; marking any version
     * compromised starts the rewrap away from it at once. Destroying removes the version from the KEK set, only when
     * no live data key is wrapped by it.
     *
     * @throws UnknownKekVersionException when the vault never recorded the version
     * @throws dev.pdvault.domain.keys.api.KekStateTransitionRefusedException when the state machine refuses
     * @throws dev.pdvault.domain.keys.api.KekVersionInUseException when destroying a version live keys depend on
     */
    public Moved changeState(String version, KekState target, Caller caller) {
        if (target == KekState.COMPROMISED && version.equals(keks.primaryVersion())) {
            rotate(caller);
        }
        Moved moved = ring.record(status -> {
            List<String> rows = jdbc.queryForList("SELECT state FROM kek_version WHERE version = ? FOR UPDATE",
                    String.class, version);
            if (rows.isEmpty()) {
                throw new UnknownKekVersionException();
            }
            KekState from = KekState.valueOf(rows.get(0));
            long live = liveDataKeys(version);
            Instant now = clock.instant();
            Timestamp at = Timestamp.from(now);
            commands.sendAndWait(new ChangeKekVersionState(RING, KekVersion.of(version), from, target,
                    version.equals(keks.primaryVersion()), live, caller, now));
            if (target == KekState.DESTROYED) {
                if (keks.versions().contains(version)) {
                    keks.destroy(version);
                }
                commands.sendAndWait(new RecordKekVersionDestroyed(RING, KekVersion.of(version), now));
            }
            jdbc.update("UPDATE kek_version SET state = ?, state_since = ?, state_by = ?,"
                            + " retired_at = CASE WHEN ? = 'DEACTIVATED' THEN coalesce(retired_at, ?) ELSE retired_at END,"
                            + " compromised_at = CASE WHEN ? = 'COMPROMISED' THEN ? ELSE compromised_at END,"
                            + " destroyed_at = CASE WHEN ? = 'DESTROYED' THEN ? ELSE destroyed_at END WHERE version = ?",
                    target.name(), at, caller.name(), target.name(), at, target.name(), at, target.name(), at, version);
            return new Moved(version, from, target, live, null);
        });
        log.info("KEK version {}: {} -> {} by {}", version, moved.from(), target, caller.name());
        if (target == KekState.COMPROMISED) {
            dataKeys.forgetAll();
            KeyChanges.announce(jdbc, java.util.List.of(KeyChanges.EVERY_SUBJECT));
            KekRewrapJob.Job job = rewrap.start(RewrapReason.COMPROMISE, caller);
            return new Moved(version, moved.from(), target, moved.liveDataKeys(), job.jobId());
        }
        return moved;
    }

    /** Destroys a version: refused while it is not deactivated or compromised, or while live keys depend on it. */
    public Moved destroy(String version, Caller caller) {
        return changeState(version, KekState.DESTROYED, caller);
    }

    /** Live data keys wrapped by the version. */
    public long liveDataKeys(String version) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM data_key WHERE kek_version = ? AND wrapped IS NOT NULL",
                Long.class, version);
        return n == null ? 0 : n;
    }

    /** The state the vault recorded for the version. */
    public KekState state(String version) {
        List<String> rows = jdbc.queryForList("SELECT state FROM kek_version WHERE version = ?", String.class, version);
        if (rows.isEmpty()) {
            throw new UnknownKekVersionException();
        }
        return KekState.valueOf(rows.get(0));
    }
}
