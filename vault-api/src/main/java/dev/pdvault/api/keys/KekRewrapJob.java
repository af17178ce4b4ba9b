package dev.pdvault.api.keys;

import dev.pdvault.crypto.KeyEncryptionKeys;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.domain.keys.api.CompleteKekRewrap;
import dev.pdvault.domain.keys.api.KekVersion;
import dev.pdvault.domain.keys.api.RecordKekRewrapProgress;
import dev.pdvault.domain.keys.api.RewrapJobId;
import dev.pdvault.domain.keys.api.RewrapReason;
import dev.pdvault.domain.keys.api.StartKekRewrap;
import dev.pdvault.domain.shared.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.pdvault.domain.keys.api.RecordKekRotation.RING;

/**
 * The rewrap job: moves every live data key not wrapped by the primary KEK version under it, in batches, each in a
 * transaction that holds its subjects' {@link KeyFence} exclusively (so it cannot race an erasure or an access) and
 * advances the job's cursor and counts in table {@code kek_rewrap_job}. Nothing but {@code data_key} changes: no
 * event and no sealed value is rewritten. A vault stopped mid-job resumes it at start-up where it stopped. If the
 * primary changes during a pass, another pass from the start follows, so the job ends only when every key it could
 * unwrap is under the primary of its last pass.
 *
 * <p>One job at a time (the ring refuses a second, a partial unique index too), run by one thread per vault, with a
 * second one that reads and rewraps the next batch in memory while the first writes the current one.
 */
@Service
public class KekRewrapJob {

    private static final Logger log = LoggerFactory.getLogger(KekRewrapJob.class);
    private static final UUID START = new UUID(0, 0);

    /**
     * A rewrap job as the vault recorded it; {@code remaining} is what a running job has left to visit, and the live
     * keys not under the primary, counted now, once it has ended.
     */
    public record Job(String jobId, String state, String reason, String startedBy, Instant startedAt,
                      Instant updatedAt, Instant completedAt, String primary, long keysAtStart, long batches,
                      long rewrapped, long failed, long remaining) {
    }

    private final KeyEncryptionKeys keks;
    private final DataKeyStore keyStore;
    private final KeyRing ring;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final KekRewrapProperties properties;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kek-rewrap");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService preparer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kek-rewrap-prepare");
        t.setDaemon(true);
        return t;
    });
    /** The next batch, read and rewrapped while the runner writes the current one; only the runner touches it. */
    private CompletableFuture<DataKeyStore.PreparedRewrap> next;
    private volatile int batchSizeForTests;
    private volatile int progressEveryForTests;
    private volatile int haltAfterBatchesForTests;

    public KekRewrapJob(KeyEncryptionKeys keks, DataKeyStore keyStore, KeyRing ring, CommandGateway commands,
                        JdbcTemplate jdbc, Clock clock, MeterRegistry meters, KekRewrapProperties properties) {
        this.keks = keks;
        this.keyStore = keyStore;
        this.ring = ring;
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        this.properties = properties;
    }

    /**
     * Starts a job (or finds the one running), recorded as {@code KekRewrapStarted}, and runs it in the background.
     */
    public Job start(RewrapReason reason, Caller caller) {
        RewrapJobId id = ring.record(status -> {
            String primary = keks.primaryVersion();
            Instant now = clock.instant();
            long toMove = remaining(primary);
            RewrapJobId job = commands.sendAndWait(new StartKekRewrap(RING, RewrapJobId.of(UUID.randomUUID().toString()),
                    KekVersion.of(primary), toMove, reason, caller, now));
            jdbc.update("INSERT INTO kek_rewrap_job (job_id, state, reason, started_by, started_at, updated_at,"
                            + " keys_at_start, pass_primary, last_subject, last_key_class)"
                            + " VALUES (?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, '') ON CONFLICT DO NOTHING",
                    UUID.fromString(job.value()), reason.name(), caller.name(), Timestamp.from(now),
                    Timestamp.from(now), toMove, primary, START);
            return job;
        });
        log.info("KEK rewrap job {} running ({})", id.value(), reason);
        runInBackground();
        return find(id.value()).orElseThrow();
    }

    /** Resumes, at start-up, a job a stopped vault left running. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeAtStartup() {
        current().filter(j -> j.state().equals("RUNNING")).ifPresent(j -> {
            log.info("KEK rewrap job {} resumes after {} batch(es), {} key(s) rewrapped", j.jobId(), j.batches(),
                    j.rewrapped());
            runInBackground();
        });
    }

    public void runInBackground() {
        runner.submit(() -> {
            try {
                runPending();
            } catch (RuntimeException e) {
                log.error("KEK rewrap job stopped: {}; it resumes on the next start or POST /v1/keys/kek/rewrap",
                        e.getClass().getName());
            }
        });
    }

    /**
     * Runs the running job, if there is one, until it is done (or the thread is interrupted: the vault stops).
     *
     * @return the job as it stands afterwards
     */
    public synchronized Optional<Job> runPending() {
        int batches = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                int halt = haltAfterBatchesForTests;
                if (halt > 0 && batches >= halt) {
                    log.warn("TEST HOOK: KEK rewrap job halted after {} batch(es)", batches);
                    break;
                }
                Boolean more = ring.record(status -> step());
                if (!Boolean.TRUE.equals(more)) {
                    break;
                }
                batches++;
            }
        } finally {
            if (next != null) {
                next.cancel(false);
                next = null;
            }
        }
        return current();
    }

    /** One batch in one transaction; false when there is nothing (left) to do. */
    private Boolean step() {
        List<Object[]> rows = jdbc.query("SELECT job_id, pass_primary, last_subject, last_key_class, batches, rewrapped,"
                + " failed, keys_at_start FROM kek_rewrap_job WHERE state = 'RUNNING' FOR UPDATE",
                (rs, i) -> new Object[]{rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)});
        if (rows.isEmpty()) {
            return Boolean.FALSE;
        }
        Object[] row = rows.get(0);
        UUID job = (UUID) row[0];
        String passPrimary = (String) row[1];
        long batches = (Long) row[4];
        long rewrapped = (Long) row[5];
        long failed = (Long) row[6];
        long keysAtStart = (Long) row[7];
        Instant now = clock.instant();
        String primary = keks.primaryVersion();
        int size = batchSizeForTests > 0 ? batchSizeForTests : properties.batchSize();
        DataKeyStore.PreparedRewrap prepared = prepared((UUID) row[2], (String) row[3], primary, size);
        DataKeyStore.Rewrap batch = keyStore.rewrap(prepared, now);
        if (batch.lastSubject() == null) {
            if (!primary.equals(passPrimary)) {
                jdbc.update("UPDATE kek_rewrap_job SET pass_primary = ?, last_subject = ?, last_key_class = '',"
                        + " updated_at = ? WHERE job_id = ?", primary, START, Timestamp.from(now), job);
                return Boolean.TRUE;
            }
            jdbc.update("UPDATE kek_rewrap_job SET state = 'COMPLETED', completed_at = ?, updated_at = ?"
                    + " WHERE job_id = ?", Timestamp.from(now), Timestamp.from(now), job);
            commands.sendAndWait(new CompleteKekRewrap(RING, RewrapJobId.of(job.toString()), KekVersion.of(primary),
                    rewrapped, failed, now));
            if (failed > 0) {
                log.error("KEK rewrap job {}: {} data key(s) could not be unwrapped; their KEK versions are kept",
                        job, failed);
            }
            log.info("KEK rewrap job {} done: {} data key(s) rewrapped under {}", job, rewrapped, primary);
            return Boolean.FALSE;
        }
        batches++;
        rewrapped += batch.rewrapped();
        failed += batch.failed();
        jdbc.update("UPDATE kek_rewrap_job SET last_subject = ?, last_key_class = ?, batches = ?, rewrapped = ?,"
                        + " failed = ?, updated_at = ? WHERE job_id = ?", batch.lastSubject(), batch.lastKeyClass(),
                batches, rewrapped, failed, Timestamp.from(now), job);
        meters.counter("vault.kek.rewrapped_keys").increment(batch.rewrapped());
        int every = progressEveryForTests > 0 ? progressEveryForTests : properties.progressEvery();
        if (batches % every == 0) {
            commands.sendAndWait(new RecordKekRewrapProgress(RING, RewrapJobId.of(job.toString()), batches,
                    rewrapped, failed, stillToVisit(keysAtStart, rewrapped, failed), now));
        }
        return Boolean.TRUE;
    }

    /**
     * The batch after the cursor: the one prepared while the previous batch was written if it starts there and wraps
     * under the primary, else read and rewrapped now. Then starts preparing the batch after it, so its reads and
     * cryptography overlap this batch's writes (they take no lock; {@link DataKeyStore#rewrap} stores a prepared
     * key only if it is unchanged).
     */
    private DataKeyStore.PreparedRewrap prepared(UUID afterSubject, String afterKeyClass, String primary, int size) {
        DataKeyStore.PreparedRewrap batch = null;
        if (next != null) {
            try {
                batch = next.join();
            } catch (RuntimeException e) {
                log.warn("KEK rewrap: preparing a batch ahead failed ({}); it is prepared again",
                        e.getClass().getName());
            }
            next = null;
        }
        if (batch == null || !batch.startsAt(afterSubject, afterKeyClass, primary)) {
            batch = keyStore.prepareRewrap(afterSubject, afterKeyClass, size);
        }
        if (batch.keys().size() == size) {
            KeyScope last = batch.keys().get(size - 1).old().scope();
            next = CompletableFuture.supplyAsync(() -> keyStore.prepareRewrap(UUID.fromString(last.subjectId()),
                    last.keyClass(), size), preparer);
        }
        return batch;
    }

    /**
     * While a job runs, what it has left of the keys it found: counting them instead would scan all of
     * {@code data_key} (hundreds of milliseconds at 10^6 keys) for every progress record and every look at the job.
     * Keys erased meanwhile are still in it until the job passes where they were.
     */
    private static long stillToVisit(long keysAtStart, long rewrapped, long failed) {
        return Math.max(0, keysAtStart - rewrapped - failed);
    }

    private long remaining(String primary) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM data_key WHERE wrapped IS NOT NULL AND kek_version <> ?",
                Long.class, primary);
        return n == null ? 0 : n;
    }

    /** The running job, else the latest one. */
    public Optional<Job> current() {
        return jdbc.query(SELECT + " ORDER BY (state = 'RUNNING') DESC, started_at DESC LIMIT 1", this::job)
                .stream().findFirst();
    }

    public Optional<Job> find(String jobId) {
        return jdbc.query(SELECT + " WHERE job_id = ?::uuid", this::job, jobId).stream().findFirst();
    }

    private static final String SELECT = "SELECT job_id, state, reason, started_by, started_at, updated_at,"
            + " completed_at, pass_primary, keys_at_start, batches, rewrapped, failed FROM kek_rewrap_job";

    private Job job(ResultSet rs, int i) throws SQLException {
        Timestamp completed = rs.getTimestamp(7);
        return new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
                completed == null ? null : completed.toInstant(), rs.getString(8), rs.getLong(9), rs.getLong(10),
                rs.getLong(11), rs.getLong(12), rs.getString(2).equals("RUNNING")
                ? stillToVisit(rs.getLong(9), rs.getLong(11), rs.getLong(12)) : remaining(keks.primaryVersion()));
    }

    /**
     * Test hook: batches of {@code batchSize} keys, progress every {@code progressEvery} batches, and each run stops
     * after {@code haltAfterBatches} batches (as a stopped vault would); 0 restores the configuration.
     */
    public void testHooks(int batchSize, int progressEvery, int haltAfterBatches) {
        this.batchSizeForTests = batchSize;
        this.progressEveryForTests = progressEvery;
        this.haltAfterBatchesForTests = haltAfterBatches;
    }

    /** Test hook: waits until the background thread has nothing left to run. */
    public void awaitIdle(Duration timeout) throws Exception {
        runner.submit(() -> {
        }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        runner.shutdownNow();
        preparer.shutdownNow();
        runner.awaitTermination(10, TimeUnit.SECONDS);
    }
}
