package dev.pdvault.api.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Refuses to start on a PostgreSQL that could lose acknowledged writes: with {@code fsync} or
 * {@code synchronous_commit} off, a crash can drop committed access records and erasure requests, and a
 * fail-closed vault must not pretend otherwise. The settings are read on the vault's own connection, so a
 * role, database or connection setting counts as much as the server's. {@code local} is durable: it waits for
 * the local WAL flush and only skips waiting for a synchronous standby.
 */
@Component
public class DurabilityCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DurabilityCheck.class);
    private static final Set<String> DURABLE_COMMITS = Set.of("on", "local", "remote_write", "remote_apply");

    private final JdbcTemplate jdbc;

    public DurabilityCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        String fsync = jdbc.queryForObject("SHOW fsync", String.class);
        String synchronousCommit = jdbc.queryForObject("SHOW synchronous_commit", String.class);
        check(fsync, synchronousCommit);
        log.info("PostgreSQL durability: fsync={}, synchronous_commit={}", fsync, synchronousCommit);
    }

    static void check(String fsync, String synchronousCommit) {
        if (!"on".equals(fsync)) {
            throw new IllegalStateException("PostgreSQL runs with fsync=" + fsync + ": acknowledged writes could be"
                    + " lost in a crash, so the vault refuses to start. Turn fsync on.");
        }
        if (!DURABLE_COMMITS.contains(synchronousCommit)) {
            throw new IllegalStateException("PostgreSQL runs with synchronous_commit=" + synchronousCommit
                    + ": acknowledged writes could be lost in a crash, so the vault refuses to start."
                    + " Set synchronous_commit to on.");
        }
    }
}
