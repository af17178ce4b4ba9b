package dev.pdvault.api.keys;

import dev.pdvault.crypto.DataKeys;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * Drops cached data keys on every node when a subject's keys are destroyed or rotated. The transaction that
 * changes the keys sends {@code NOTIFY pdvault_keys, '<subject id>'} ({@link #announce}); PostgreSQL delivers it
 * only when that transaction commits, to every session that listens, and each node listens on one connection of
 * its own and calls {@link DataKeys#forget}. A node that loses its listening connection drops its whole cache
 * before it listens again, since it may have missed notifications.
 *
 * <p>Defence in depth and memory hygiene, not what makes an erasure hold: every access reads the key row after
 * the {@link KeyFence}, in its own transaction, and the cache is keyed by the wrapped bytes it read, so a
 * destroyed key never opens anything whatever a node's cache still holds.
 */
@Component
public class KeyChanges implements SmartLifecycle {

    /** The PostgreSQL notification channel; the payload is a subject id, or {@value #EVERY_SUBJECT}. */
    public static final String CHANNEL = "pdvault_keys";
    public static final String EVERY_SUBJECT = "*";

    private static final Logger log = LoggerFactory.getLogger(KeyChanges.class);

    private final DataSource dataSource;
    private final DataKeys dataKeys;
    private volatile Thread listener;
    private volatile boolean running;
    private volatile boolean listening;

    public KeyChanges(DataSource dataSource, DataKeys dataKeys) {
        this.dataSource = dataSource;
        this.dataKeys = dataKeys;
    }

    /** Tells every node, when the current transaction commits, to drop its cached keys of these subjects. */
    public static void announce(JdbcTemplate jdbc, Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        String[] payloads = subjects.stream().distinct().toArray(String[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT pg_notify('" + CHANNEL + "', s) FROM unnest(?::text[]) AS s");
            ps.setArray(1, con.createArrayOf("text", payloads));
            return ps;
        }, rs -> {
        });
    }

    /**
     * Tells every node to drop its cached keys of these subjects, for a change that has already committed: one
     * transaction of its own, outside any other, whose commit does not wait for its WAL to reach the disk. A
     * {@code NOTIFY} inside the transaction that changes the keys holds PostgreSQL's notification lock through that
     * transaction's commit and fsync, so concurrent erasures committed one after another; this one holds it for
     * a moment. Losing the notification (a crash right after the change committed) leaves an unwrapped key in some
     * node's memory until it is evicted, never a key that opens anything: every access reads the key's row after
     * the {@link KeyFence}. A failure is logged, not thrown: the change it follows stands. Called inside a
     * transaction (whose commit it must not make asynchronous), it announces at that transaction's commit instead,
     * as {@link #announce} does.
     */
    public static void announceCommitted(JdbcTemplate jdbc, Collection<String> subjects) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            announce(jdbc, subjects);
            return;
        }
        if (subjects.isEmpty()) {
            return;
        }
        String[] payloads = subjects.stream().distinct().toArray(String[]::new);
        try {
            jdbc.query(con -> {
                var ps = con.prepareStatement("SELECT set_config('synchronous_commit', 'off', true),"
                        + " pg_notify('" + CHANNEL + "', s) FROM unnest(?::text[]) AS s");
                ps.setObject(1, payloads);
                return ps;
            }, rs -> {
            });
        } catch (DataAccessException e) {
            log.warn("Could not announce destroyed or rotated keys to the other nodes ({}); their caches drop them"
                    + " when evicted", e.getClass().getSimpleName());
        }
    }

    /** Whether this node is listening now (for health checks and tests). */
    public boolean listening() {
        return listening;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::listen, "key-changes-listener");
        t.setDaemon(true);
        listener = t;
        t.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        listener = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection con = dataSource.getConnection()) {
                con.setAutoCommit(true);
                try (Statement st = con.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = con.unwrap(PGConnection.class);
                // anything announced while this node was not listening is unknown: start from an empty cache
                dataKeys.forgetAll();
                listening = true;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        if (EVERY_SUBJECT.equals(n.getParameter())) {
                            dataKeys.forgetAll();
                        } else {
                            dataKeys.forget(n.getParameter());
                        }
                    }
                }
                // the connection goes back to the pool: it must not keep collecting notifications there
                try (Statement st = con.createStatement()) {
                    st.execute("UNLISTEN *");
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                log.warn("Key-change listener lost its connection ({}); dropping every cached key and listening"
                        + " again", e.getClass().getSimpleName());
                dataKeys.forgetAll();
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    return;
                }
            } finally {
                listening = false;
            }
        }
    }
}
