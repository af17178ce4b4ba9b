package dev.pdvault.api.keys;

import dev.pdvault.crypto.CryptoException;
import dev.pdvault.crypto.KeyDestroyedException;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.WrappedDataKey;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.subject.api.DestroyedKey;
import dev.pdvault.domain.subject.api.SubjectId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Wrapped data keys, one row per subject and key class. A destroyed key leaves a tombstone row (no key
 * material), so a "get or create" can never silently give an erased subject a fresh key.
 */
@Repository
public class DataKeyStore {

    private final JdbcTemplate jdbc;
    private final DataKeys dataKeys;
    private final KeyFence fence;

    public DataKeyStore(JdbcTemplate jdbc, DataKeys dataKeys, KeyFence fence) {
        this.jdbc = jdbc;
        this.dataKeys = dataKeys;
        this.fence = fence;
    }

    /**
     * The scope's key, made and stored if the scope never had one. The new key is stored only while the KEK
     * version that wrapped it is still {@code ACTIVE} (a row lock on it, so a KEK epoch cannot retire the version
     * between the wrap and the insert), and its wrap is recorded in {@code data_key_wrap} in the same statement.
     *
     * @throws KeyDestroyedException when the scope's key was destroyed
     */
    public WrappedDataKey getOrCreate(KeyScope scope, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            WrappedDataKey existing = find(scope);
            if (existing != null) {
                return existing;
            }
            WrappedDataKey fresh = dataKeys.generate(scope);
            long primaryKeyId = dataKeys.unwrap(fresh).primaryKeyId();
            int inserted = jdbc.update("WITH kek AS (SELECT version FROM kek_version WHERE version = ?"
                            + " AND state = 'ACTIVE' FOR SHARE),"
                            + " k AS (INSERT INTO data_key (subject_id, key_class, key_version, kek_version, wrapped,"
                            + " created_at, primary_key_id) SELECT ?, ?, ?, kek.version, ?, ?, ? FROM kek"
                            + " ON CONFLICT DO NOTHING"
                            + " RETURNING subject_id, key_class, key_version, kek_version, created_at)"
                            + " INSERT INTO data_key_wrap (subject_id, key_class, key_version, kek_version, wrapped_at)"
                            + " SELECT * FROM k",
                    fresh.kekVersion(), UUID.fromString(scope.subjectId()), scope.keyClass(), fresh.version(),
                    fresh.wrappedKeyset(), Timestamp.from(now), primaryKeyId);
            if (inserted == 0 && find(scope) == null) {
                // the primary was never registered (a KEK set changed while the vault was down); a destroyed
                // version keeps its row, so this never revives one
                jdbc.update("INSERT INTO kek_version (version, state, created_at) VALUES (?, 'ACTIVE', ?)"
                        + " ON CONFLICT DO NOTHING", fresh.kekVersion(), Timestamp.from(now));
            }
        }
        WrappedDataKey stored = find(scope);
        if (stored == null) {
            throw new IllegalStateException("no active key-encryption key version to wrap a data key");
        }
        return stored;
    }

    /**
     * The scope's key with the encryptions counted so far for its primary key, read in one statement; the count is
     * 0 for a key that sealed nothing yet (or that sealed before V12 and nothing since).
     *
     * @throws KeyDestroyedException when the scope's key was destroyed
     */
    public Optional<CurrentKey> current(KeyScope scope) {
        List<CurrentKey> rows = jdbc.query("SELECT k.key_version, k.kek_version, k.wrapped, k.primary_key_id,"
                        + " coalesce(u.encryptions, 0) FROM data_key k LEFT JOIN data_key_usage u"
                        + " ON u.subject_id = k.subject_id AND u.key_class = k.key_class AND u.key_id = k.primary_key_id"
                        + " WHERE k.subject_id = ? AND k.key_class = ?",
                (rs, i) -> {
                    byte[] wrapped = rs.getBytes(3);
                    if (wrapped == null) {
                        throw new KeyDestroyedException();
                    }
                    long keyId = rs.getLong(4);
                    return new CurrentKey(new WrappedDataKey(scope, rs.getLong(1), rs.getString(2), wrapped),
                            rs.wasNull() ? null : keyId, rs.getLong(5));
                },
                UUID.fromString(scope.subjectId()), scope.keyClass());
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * A stored key and what its primary key sealed so far.
     *
     * @param primaryKeyId the Tink key id of the primary key, null for a key of before V12 that sealed nothing
     */
    public record CurrentKey(WrappedDataKey wrapped, Long primaryKeyId, long encryptions) {
    }

    /** What one rotation stored. */
    public record Rotated(KeyScope scope, WrappedDataKey wrapped, long newKeyId) {
    }

    /**
     * Adds a new primary key to the scope's keyset and stores it as the next version of the row, wrapped by the
     * primary KEK version (only while that version is {@code ACTIVE}, as for a new key), recording the wrap in
     * {@code data_key_wrap} and telling every node to drop its cached keys of the subject ({@link KeyChanges}).
     * Must run in a transaction: the row is locked first, so a concurrent rotation, rewrap or erasure of the key
     * waits, and one that came first is seen.
     *
     * @param onlyIfPrimary rotate only if the primary key is still this one (null: always); a rotation because of
     *                      the count must not rotate again a key that another request rotated already
     * @return the rotated key, or empty if the key is destroyed, missing, or no longer has that primary
     */
    public Optional<Rotated> rotate(KeyScope scope, Long onlyIfPrimary, Instant now) {
        UUID subject = UUID.fromString(scope.subjectId());
        List<Object[]> rows = jdbc.query("SELECT key_version, kek_version, wrapped, primary_key_id FROM data_key"
                        + " WHERE subject_id = ? AND key_class = ? AND wrapped IS NOT NULL FOR UPDATE",
                (rs, i) -> {
                    long keyId = rs.getLong(4);
                    return new Object[]{new WrappedDataKey(scope, rs.getLong(1), rs.getString(2), rs.getBytes(3)),
                            rs.wasNull() ? null : keyId};
                }, subject, scope.keyClass());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        WrappedDataKey old = (WrappedDataKey) rows.get(0)[0];
        Long primary = (Long) rows.get(0)[1];
        if (onlyIfPrimary != null && primary != null && !primary.equals(onlyIfPrimary)) {
            return Optional.empty();
        }
        WrappedDataKey fresh = dataKeys.rotate(old);
        long newKeyId = dataKeys.unwrap(fresh).primaryKeyId();
        int updated = jdbc.update("WITH kek AS (SELECT version FROM kek_version WHERE version = ?"
                        + " AND state = 'ACTIVE' FOR SHARE),"
                        + " k AS (UPDATE data_key SET key_version = ?, kek_version = kek.version, wrapped = ?,"
                        + " primary_key_id = ? FROM kek WHERE subject_id = ? AND key_class = ? AND key_version = ?"
                        + " AND wrapped IS NOT NULL RETURNING subject_id, key_class, key_version, data_key.kek_version)"
                        + " INSERT INTO data_key_wrap (subject_id, key_class, key_version, kek_version, wrapped_at)"
                        + " SELECT subject_id, key_class, key_version, kek_version, ? FROM k",
                fresh.kekVersion(), fresh.version(), fresh.wrappedKeyset(), newKeyId, subject, scope.keyClass(),
                old.version(), Timestamp.from(now));
        if (updated == 0) {
            throw new IllegalStateException("no active key-encryption key version to wrap a rotated data key");
        }
        KeyChanges.announce(jdbc, List.of(scope.subjectId()));
        return Optional.of(new Rotated(scope, fresh, newKeyId));
    }

    /** Up to {@code limit} live keys after ({@code lastSubject}, {@code lastKeyClass}), in that order. */
    public List<KeyScope> liveKeysAfter(UUID lastSubject, String lastKeyClass, int limit) {
        return jdbc.query("SELECT subject_id, key_class FROM data_key WHERE wrapped IS NOT NULL"
                        + " AND (subject_id, key_class) > (?, ?) ORDER BY subject_id, key_class LIMIT ?",
                (rs, i) -> new KeyScope(rs.getObject(1, UUID.class).toString(), rs.getString(2)),
                lastSubject, lastKeyClass, limit);
    }

    /** The key classes of the subject's live keys. */
    public List<String> liveKeyClasses(SubjectId subject) {
        return jdbc.queryForList("SELECT key_class FROM data_key WHERE subject_id = ? AND wrapped IS NOT NULL"
                + " ORDER BY key_class", String.class, UUID.fromString(subject.value()));
    }

    /**
     * The scope's key if it has one; a key exists only for a registered subject.
     *
     * @throws KeyDestroyedException when the scope's key was destroyed
     */
    public java.util.Optional<WrappedDataKey> existing(KeyScope scope) {
        return java.util.Optional.ofNullable(find(scope));
    }

    private WrappedDataKey find(KeyScope scope) {
        List<WrappedDataKey> rows = jdbc.query(
                "SELECT key_version, kek_version, wrapped FROM data_key WHERE subject_id = ? AND key_class = ?",
                (rs, i) -> {
                    byte[] wrapped = rs.getBytes(3);
                    if (wrapped == null) {
                        throw new KeyDestroyedException();
                    }
                    return new WrappedDataKey(scope, rs.getLong(1), rs.getString(2), wrapped);
                },
                UUID.fromString(scope.subjectId()), scope.keyClass());
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Destroys the subject's keys of the given classes and leaves a tombstone for each of them, also for classes
     * the subject never used. Idempotent: a second call destroys nothing more and returns the same keys with
     * their first destruction time. Must run in a transaction that already holds the subject's {@link KeyFence}
     * lock exclusively ({@link KeyFence#beforeErasure}), so that it destroys nothing an access that may have read
     * the keys has not committed; and the caller announces the change once that transaction committed
     * ({@link KeyChanges#announceCommitted}).
     *
     * <p>One statement: the live keys lose their material, the classes without a row get a tombstone, and the
     * answer is the keys destroyed now (as the update returns them) with those destroyed before (as the statement's
     * snapshot sees them; under the fence nothing else destroys a key of the subject meanwhile).
     *
     * @return the keys of those classes that existed, with when each was destroyed
     */
    public List<DestroyedKey> destroy(SubjectId subject, Collection<KeyClass> classes, Instant now) {
        UUID id = UUID.fromString(subject.value());
        Timestamp at = Timestamp.from(now);
        String[] names = classes.stream().map(KeyClass::name).sorted().toArray(String[]::new);
        List<DestroyedKey> destroyed = jdbc.query(con -> {
            var ps = con.prepareStatement("WITH c AS (SELECT unnest(?::text[]) AS key_class),"
                    + " now_destroyed AS (UPDATE data_key k SET wrapped = NULL, destroyed_at = ?"
                    + " WHERE k.subject_id = ? AND k.key_class IN (SELECT key_class FROM c) AND k.wrapped IS NOT NULL"
                    + " RETURNING k.key_class, k.key_version, k.kek_version, k.destroyed_at),"
                    + " tombstones AS (INSERT INTO data_key (subject_id, key_class, key_version, kek_version, wrapped,"
                    + " created_at, destroyed_at) SELECT ?, key_class, 0, 'none', NULL, ?, ? FROM c"
                    + " ON CONFLICT DO NOTHING)"
                    + " SELECT key_class, key_version, kek_version, destroyed_at FROM now_destroyed"
                    + " WHERE key_version > 0"
                    + " UNION ALL SELECT key_class, key_version, kek_version, destroyed_at FROM data_key"
                    + " WHERE subject_id = ? AND key_class IN (SELECT key_class FROM c) AND key_version > 0"
                    + " AND wrapped IS NULL"
                    + " ORDER BY 1");
            ps.setObject(1, names);
            ps.setTimestamp(2, at);
            ps.setObject(3, id);
            ps.setObject(4, id);
            ps.setTimestamp(5, at);
            ps.setTimestamp(6, at);
            ps.setObject(7, id);
            return ps;
        }, (rs, i) -> new DestroyedKey(new KeyClass(rs.getString(1)), rs.getLong(2), rs.getString(3),
                rs.getTimestamp(4).toInstant()));
        dataKeys.forget(subject.value());
        return destroyed;
    }

    /** What one rewrap batch did, and where the next one starts. */
    public record Rewrap(int rewrapped, int failed, UUID lastSubject, String lastKeyClass) {
    }

    /**
     * A rewrap batch read and computed ahead of the transaction that stores it: up to a limit of live keys not
     * wrapped by {@code primary}, after the key ({@code afterSubject}, {@code afterKeyClass}), each with its rewrap
     * under {@code primary} (null when it cannot be unwrapped). Read without locks; {@link #rewrap(PreparedRewrap,
     * Instant)} stores only the rewraps of keys that are still as they were read.
     */
    public record PreparedRewrap(UUID afterSubject, String afterKeyClass, String primary, List<Candidate> keys) {

        /** Whether this is the batch a job at that cursor, wrapping under that primary, would read now. */
        public boolean startsAt(UUID subject, String keyClass, String primary) {
            return afterSubject.equals(subject) && afterKeyClass.equals(keyClass) && this.primary.equals(primary);
        }
    }

    /** A key as read, and its rewrap (null when it cannot be unwrapped). */
    public record Candidate(WrappedDataKey old, WrappedDataKey fresh) {
    }

    /**
     * Reads up to {@code limit} live keys not wrapped by the primary KEK version, after the key ({@code lastSubject},
     * {@code lastKeyClass}), and rewraps each under the primary, in memory. Takes no lock and writes nothing, so it
     * can run outside the transaction that stores the batch (and while the previous batch is being written).
     */
    public PreparedRewrap prepareRewrap(UUID lastSubject, String lastKeyClass, int limit) {
        String primary = dataKeys.keyEncryptionKeys().primaryVersion();
        List<WrappedDataKey> read = jdbc.query("SELECT subject_id, key_class, key_version, kek_version, wrapped"
                        + " FROM data_key WHERE wrapped IS NOT NULL AND kek_version <> ? AND (subject_id, key_class) > (?, ?)"
                        + " ORDER BY subject_id, key_class LIMIT ?",
                DataKeyStore::wrappedKey, primary, lastSubject, lastKeyClass, limit);
        return new PreparedRewrap(lastSubject, lastKeyClass, primary, rewrapAll(read));
    }

    /**
     * Stores a prepared rewrap batch under its primary KEK version, and records each new wrap. Must run in a
     * transaction: it takes the subjects' {@link KeyFence} locks exclusively, so it cannot race an erasure. Each
     * prepared key is written only if its row is still live at the version it was read at (the version changes with
     * every data key rotation and every rewrap), by one conditional update without a read or a row lock before it.
     * A key that changed since it was read (a data key rotation), or that could not be unwrapped, is then read again,
     * locked, as it is now, and rewrapped if it is live and not yet under that primary. A key that cannot be unwrapped
     * is left as it is (and its KEK version with it).
     */
    public Rewrap rewrap(PreparedRewrap batch, Instant now) {
        if (batch.keys().isEmpty()) {
            return new Rewrap(0, 0, null, null);
        }
        fence.beforeRewrap(batch.keys().stream().map(c -> UUID.fromString(c.old().scope().subjectId())).toList());
        Set<KeyScope> stored = store(batch.keys().stream().filter(c -> c.fresh() != null).toList(), now);
        int rewrapped = stored.size();
        int failed = 0;
        if (stored.size() < batch.keys().size()) {
            List<KeyScope> changed = batch.keys().stream().map(c -> c.old().scope()).filter(s -> !stored.contains(s))
                    .toList();
            List<Candidate> again = rewrapAll(lockedUnderAnotherKek(changed, batch.primary()));
            rewrapped += store(again.stream().filter(c -> c.fresh() != null).toList(), now).size();
            failed = (int) again.stream().filter(c -> c.fresh() == null).count();
        }
        KeyScope last = batch.keys().get(batch.keys().size() - 1).old().scope();
        return new Rewrap(rewrapped, failed, UUID.fromString(last.subjectId()), last.keyClass());
    }

    /** The keys of these scopes that are live and not under {@code primary}, locked, as they are now. */
    private List<WrappedDataKey> lockedUnderAnotherKek(List<KeyScope> scopes, String primary) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT k.subject_id, k.key_class, k.key_version, k.kek_version, k.wrapped"
                    + " FROM data_key k JOIN unnest(?::uuid[], ?::text[]) AS c(subject_id, key_class)"
                    + " ON k.subject_id = c.subject_id AND k.key_class = c.key_class"
                    + " WHERE k.wrapped IS NOT NULL AND k.kek_version <> ? ORDER BY k.subject_id, k.key_class"
                    + " FOR UPDATE OF k");
            ps.setObject(1, scopes.stream().map(KeyScope::subjectId).toArray(String[]::new));
            ps.setObject(2, scopes.stream().map(KeyScope::keyClass).toArray(String[]::new));
            ps.setString(3, primary);
            return ps;
        }, DataKeyStore::wrappedKey);
    }

    /**
     * Writes each rewrap whose row is still live at the version it was read at, with its {@code data_key_wrap} row,
     * in one statement; a row changed meanwhile (or being changed: the update waits for it, then sees the new row) is
     * left alone.
     *
     * @return the scopes written
     */
    private Set<KeyScope> store(List<Candidate> done, Instant now) {
        if (done.isEmpty()) {
            return Set.of();
        }
        // typed arrays (String[], long[], byte[][]) through setObject: the driver encodes them without a
        // conversion of each element to an Object and its text
        Set<KeyScope> stored = new HashSet<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("WITH fresh (subject_id, key_class, old_version, key_version, kek_version,"
                    + " wrapped) AS (SELECT * FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::bigint[], ?::text[],"
                    + " ?::bytea[])),"
                    + " moved AS (UPDATE data_key k SET key_version = f.key_version, kek_version = f.kek_version,"
                    + " wrapped = f.wrapped FROM fresh f WHERE k.subject_id = f.subject_id AND k.key_class = f.key_class"
                    + " AND k.key_version = f.old_version AND k.wrapped IS NOT NULL"
                    + " RETURNING k.subject_id, k.key_class, k.key_version, k.kek_version),"
                    + " recorded AS (INSERT INTO data_key_wrap (subject_id, key_class, key_version, kek_version,"
                    + " wrapped_at) SELECT subject_id, key_class, key_version, kek_version, ? FROM moved)"
                    + " SELECT subject_id, key_class FROM moved");
            ps.setObject(1, done.stream().map(c -> c.old().scope().subjectId()).toArray(String[]::new));
            ps.setObject(2, done.stream().map(c -> c.old().scope().keyClass()).toArray(String[]::new));
            ps.setObject(3, done.stream().mapToLong(c -> c.old().version()).toArray());
            ps.setObject(4, done.stream().mapToLong(c -> c.fresh().version()).toArray());
            ps.setObject(5, done.stream().map(c -> c.fresh().kekVersion()).toArray(String[]::new));
            ps.setObject(6, done.stream().map(c -> c.fresh().wrappedKeyset()).toArray(byte[][]::new));
            ps.setTimestamp(7, Timestamp.from(now));
            return ps;
        }, rs -> {
            stored.add(new KeyScope(rs.getObject(1, UUID.class).toString(), rs.getString(2)));
        });
        return stored;
    }

    /** Unwrapping and wrapping are CPU work of their own, independent per key: spread over the cores. */
    private List<Candidate> rewrapAll(List<WrappedDataKey> keys) {
        return keys.parallelStream().map(old -> {
            try {
                return new Candidate(old, dataKeys.rewrap(old));
            } catch (CryptoException e) {
                return new Candidate(old, null);
            }
        }).toList();
    }

    private static WrappedDataKey wrappedKey(ResultSet rs, int i) throws SQLException {
        return new WrappedDataKey(new KeyScope(rs.getObject(1, UUID.class).toString(), rs.getString(2)),
                rs.getLong(3), rs.getString(4), rs.getBytes(5));
    }
}
