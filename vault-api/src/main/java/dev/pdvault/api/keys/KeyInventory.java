package dev.pdvault.api.keys;

import dev.pdvault.crypto.KeyEncryptionKeys;
import dev.pdvault.domain.keys.api.KekState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a security team needs to know about the keys: every KEK version, its state, how many live data keys it wraps,
 * its age, and the rewrap job; the same as gauges {@code vault.keys.kek_versions{state}} and
 * {@code vault.keys.data_keys{kek_version}}. Ids and counts only, never key material.
 */
@Service
public class KeyInventory {

    private static final Logger log = LoggerFactory.getLogger(KeyInventory.class);
    private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);
    static final int REFRESH_COST_FACTOR = 100;

    /** One KEK version. {@code encryptions} is null until data-key usage is counted (see below). */
    public record KekVersionView(String version, KekState state, boolean primary, long dataKeys, Instant createdAt,
                                 Duration age, Instant stateSince, String stateBy, Instant retiredAt,
                                 Instant compromisedAt, Instant destroyedAt, Long encryptions) {
    }

    /** The whole inventory. */
    public record Inventory(Instant at, String primary, String kms, long liveDataKeys,
                            List<KekVersionView> kekVersions, KekRewrapJob.Job rewrap,
                            boolean encryptionCountsAvailable) {
    }

    private final KeyEncryptionKeys keks;
    private final KekRewrapJob rewrap;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MultiGauge versionsByState;
    private final MultiGauge dataKeysByVersion;
    private volatile long nextRefresh = System.nanoTime();
    /** Inventories in the order they started, and the latest one whose figures the gauges show. */
    private final AtomicLong inventoriesStarted = new AtomicLong();
    private long published;

    public KeyInventory(KeyEncryptionKeys keks, KekRewrapJob rewrap, JdbcTemplate jdbc, Clock clock,
                        MeterRegistry meters) {
        this.keks = keks;
        this.rewrap = rewrap;
        this.jdbc = jdbc;
        this.clock = clock;
        this.versionsByState = MultiGauge.builder("vault.keys.kek_versions")
                .description("KEK versions by state").register(meters);
        this.dataKeysByVersion = MultiGauge.builder("vault.keys.data_keys")
                .description("live data keys by the KEK version that wraps them").register(meters);
    }

    public Inventory inventory() {
        long sequence = inventoriesStarted.incrementAndGet();
        Instant now = clock.instant();
        String primary = keks.primaryVersion();
        Map<String, Long> counts = dataKeysPerKekVersion();
        Map<String, Long> encryptions = encryptionsPerKekVersion();
        List<KekVersionView> versions = jdbc.query("SELECT version, state, created_at, state_since, state_by,"
                + " retired_at, compromised_at, destroyed_at FROM kek_version ORDER BY created_at, version", (rs, i) -> {
            String version = rs.getString(1);
            Instant created = rs.getTimestamp(3).toInstant();
            return new KekVersionView(version, KekState.valueOf(rs.getString(2)), version.equals(primary),
                    counts.getOrDefault(version, 0L), created, Duration.between(created, now).withNanos(0),
                    rs.getTimestamp(4).toInstant(), rs.getString(5), instant(rs.getTimestamp(6)),
                    instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                    encryptions == null ? null : encryptions.getOrDefault(version, 0L));
        });
        publish(sequence, versions, counts);
        long live = counts.values().stream().mapToLong(Long::longValue).sum();
        return new Inventory(now, primary, keks.describe(), live, versions, rewrap.current().orElse(null),
                encryptions != null);
    }

    /**
     * Refreshes the gauges (they are also refreshed by every inventory) every 30 s, or less often when the refresh
     * itself is slow. Its counts scan {@code data_key} and {@code data_key_usage} (no index on {@code kek_version}:
     * V21, so that a rewrap's updates stay HOT), which takes about a second at two million keys; waiting at least
     * {@value #REFRESH_COST_FACTOR} times as long as the last refresh took keeps the gauges below 1% of one core at
     * any size.
     */
    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    public void refreshMetrics() {
        long started = System.nanoTime();
        if (started - nextRefresh < 0) {
            return;
        }
        try {
            inventory();
        } catch (DataAccessException e) {
            log.warn("key inventory metrics not refreshed: {}", e.getClass().getName());
        } finally {
            long ended = System.nanoTime();
            nextRefresh = ended + refreshDelay(Duration.ofNanos(ended - started)).toNanos();
        }
    }

    /** How long the gauges wait after a refresh that took {@code took}: 30 s, or 100 times {@code took}. */
    static Duration refreshDelay(Duration took) {
        Duration proportional = took.multipliedBy(REFRESH_COST_FACTOR);
        return proportional.compareTo(REFRESH_INTERVAL) > 0 ? proportional : REFRESH_INTERVAL;
    }

    /**
     * Shows an inventory's figures in the gauges unless one that started after it has already been shown: the
     * scheduled refresh and a request's inventory can overlap, and the one that started first (it may have counted
     * before a rotation) must not overwrite the other's rows.
     */
    synchronized void publish(long sequence, List<KekVersionView> versions, Map<String, Long> counts) {
        if (sequence < published) {
            return;
        }
        published = sequence;
        Map<KekState, Long> byState = new EnumMap<>(KekState.class);
        for (KekState state : KekState.values()) {
            byState.put(state, 0L);
        }
        versions.forEach(v -> byState.merge(v.state(), 1L, Long::sum));
        versionsByState.register(byState.entrySet().stream().map(e -> MultiGauge.Row.of(
                Tags.of("state", e.getKey().name()), e.getValue())).toList(), true);
        dataKeysByVersion.register(counts.entrySet().stream().map(e -> MultiGauge.Row.of(
                Tags.of("kek_version", e.getKey()), e.getValue())).toList(), true);
    }

    private Map<String, Long> dataKeysPerKekVersion() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT kek_version, count(*) FROM data_key WHERE wrapped IS NOT NULL GROUP BY kek_version",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /**
     * ENCRYPTION COUNTS — the place for data-key usage (issue "key management", data-key rotation, built separately):
     * when table {@code data_key_usage} exists with the columns {@code subject_id}, {@code key_class} and
     * {@code encryptions}, the encryptions of the live data keys are summed per KEK version that wraps them. Until
     * then, or if its shape differs, null: the inventory reports KEK-level figures only.
     */
    private Map<String, Long> encryptionsPerKekVersion() {
        Long columns = jdbc.queryForObject("SELECT count(*) FROM information_schema.columns WHERE table_schema ="
                + " current_schema() AND table_name = 'data_key_usage' AND column_name IN ('subject_id', 'key_class',"
                + " 'encryptions')", Long.class);
        if (columns == null || columns < 3) {
            return null;
        }
        try {
            Map<String, Long> sums = new HashMap<>();
            jdbc.query("SELECT k.kek_version, sum(u.encryptions) FROM data_key_usage u JOIN data_key k"
                    + " ON k.subject_id = u.subject_id AND k.key_class = u.key_class AND k.wrapped IS NOT NULL"
                    + " GROUP BY k.kek_version", rs -> {
                        sums.put(rs.getString(1), rs.getLong(2));
                    });
            return sums;
        } catch (DataAccessException e) {
            log.warn("data_key_usage could not be read: {}", e.getClass().getName());
            return null;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
