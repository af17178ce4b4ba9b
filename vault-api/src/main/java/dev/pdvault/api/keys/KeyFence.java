package dev.pdvault.api.keys;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.UUID;

/**
 * The fence between accesses and erasure, as PostgreSQL advisory locks held until the end of the transaction:
 * an access takes its subjects' locks shared before it reads their keys, an erasure takes its subject's lock
 * exclusively before it destroys the keys. So an erasure waits for every access that may already have read
 * a key, and every access after it reads the destroyed key, whatever any node has cached. Advisory locks
 * live in memory: unlike {@code SELECT ... FOR SHARE} they write nothing to the table or the WAL.
 *
 * <p>Subjects share {@value #BUCKETS} locks (by hash), which bounds the locks one transaction can need; an
 * erasure may briefly make accesses to another subject of its bucket wait.
 */
@Component
public class KeyFence {

    static final int BUCKETS = 1024;
    /** The first key of the two-key advisory locks: "pdv" in ASCII, so other users of advisory locks differ. */
    static final int NAMESPACE = 0x706476;

    private final JdbcTemplate jdbc;

    public KeyFence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static int bucket(UUID subject) {
        return Math.floorMod(subject.hashCode(), BUCKETS);
    }

    /** Shared locks for the subjects an access is about to read the keys of; in ascending order. */
    public void beforeAccess(Collection<UUID> subjects) {
        int[] buckets = subjects.stream().mapToInt(KeyFence::bucket).distinct().sorted().toArray();
        if (buckets.length == 0) {
            return;
        }
        Integer[] boxed = java.util.Arrays.stream(buckets).boxed().toArray(Integer[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement(
                    "SELECT pg_advisory_xact_lock_shared(" + NAMESPACE + ", b) FROM unnest(?::int[]) AS b");
            ps.setArray(1, con.createArrayOf("int4", boxed));
            return ps;
        }, rs -> {
        });
    }

    /**
     * The exclusive lock of a subject whose consents or opt-outs are about to change: waits for the accesses
     * that may have decided on the old ones, and every access after the change commits sees it.
     */
    public void beforeConsentChange(UUID subject) {
        beforeErasure(subject);
    }

    /**
     * Exclusive locks of the subjects whose keys a KEK epoch is about to rewrap, in ascending order like an
     * access's: an erasure of one of them waits for the rewrap, so a rewrap can never write back a key the
     * erasure destroyed.
     */
    public void beforeRewrap(Collection<UUID> subjects) {
        Integer[] buckets = subjects.stream().map(KeyFence::bucket).distinct().sorted().toArray(Integer[]::new);
        if (buckets.length == 0) {
            return;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement(
                    "SELECT pg_advisory_xact_lock(" + NAMESPACE + ", b) FROM unnest(?::int[]) AS b");
            ps.setArray(1, con.createArrayOf("int4", buckets));
            return ps;
        }, rs -> {
        });
    }

    /** The exclusive lock of a subject about to lose its keys; waits for the accesses that hold it shared. */
    public void beforeErasure(UUID subject) {
        jdbc.query("SELECT pg_advisory_xact_lock(" + NAMESPACE + ", ?)", rs -> {
        }, bucket(subject));
    }
}
