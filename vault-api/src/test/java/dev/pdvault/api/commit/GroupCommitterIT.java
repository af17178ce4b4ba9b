package dev.pdvault.api.commit;

import dev.pdvault.api.VaultIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Group commit on real PostgreSQL: many requests per transaction, results only after commit, failures isolated. */
class GroupCommitterIT extends VaultIntegrationTest {

    @Autowired
    TransactionTemplate template;

    @Autowired
    UnitOfWorkTransactions unitOfWork;

    private final TransactionRunner transactions = new TransactionRunner() {
        @Override
        public <R> R inTransaction(java.util.function.Supplier<R> work) {
            return template.execute(status -> work.get());
        }
    };

    @BeforeEach
    void table() {
        jdbc.execute("CREATE TABLE group_commit_probe (id int, CONSTRAINT probe_unique UNIQUE (id)"
                + " DEFERRABLE INITIALLY DEFERRED)");
    }

    @AfterEach
    void drop() {
        jdbc.execute("DROP TABLE group_commit_probe");
    }

    @Test
    void concurrentRequestsShareTransactionsAndSeeTheirWritesCommitted() throws Exception {
        AtomicInteger transactionsRun = new AtomicInteger();
        try (GroupCommitter<Integer, Long> committer = new GroupCommitter<>("probe", transactions, batch -> {
            transactionsRun.incrementAndGet();
            batch.forEach(id -> jdbc.update("INSERT INTO group_commit_probe VALUES (?)", id));
            sleep(5);
            return batch.stream().map(id -> (long) id).toList();
        }, 64, 1, new SimpleMeterRegistry())) {
            ExecutorService clients = Executors.newFixedThreadPool(32);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int id = i;
                done.add(CompletableFuture.runAsync(() -> {
                    assertThat(committer.submit(id, Duration.ofSeconds(10))).isEqualTo(id);
                    // the write is committed, so another connection sees it
                    assertThat(jdbc.queryForObject("SELECT count(*) FROM group_commit_probe WHERE id = ?",
                            Long.class, id)).isEqualTo(1);
                }, clients));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
            clients.shutdown();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM group_commit_probe", Long.class)).isEqualTo(400);
        assertThat(transactionsRun.get()).as("fewer transactions than requests").isLessThan(400);
    }

    @Test
    void aRequestThatBreaksTheCommitFailsAloneAndItsNeighboursCommit() throws Exception {
        jdbc.update("INSERT INTO group_commit_probe VALUES (7)");
        try (GroupCommitter<Integer, Integer> committer = new GroupCommitter<>("probe", transactions, batch -> {
            batch.forEach(id -> jdbc.update("INSERT INTO group_commit_probe VALUES (?)", id));
            sleep(20);
            return batch;
        }, 64, 1, new SimpleMeterRegistry())) {
            ExecutorService clients = Executors.newFixedThreadPool(16);
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 1; i <= 16; i++) {
                int id = i;
                results.add(CompletableFuture.supplyAsync(() -> committer.submit(id, Duration.ofSeconds(10)), clients));
            }
            int failed = 0;
            for (int i = 0; i < results.size(); i++) {
                try {
                    assertThat(results.get(i).get()).isEqualTo(i + 1);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(GroupCommitException.class);
                    assertThat(i + 1).isEqualTo(7);
                    failed++;
                }
            }
            clients.shutdown();
            assertThat(failed).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM group_commit_probe", Long.class)).isEqualTo(16);
    }

    @Test
    void whenTheDatabaseRefusesEveryCommitEveryRequestFails() {
        try (GroupCommitter<Integer, Integer> committer = new GroupCommitter<>("probe", transactions, batch -> {
            jdbc.update("INSERT INTO group_commit_probe VALUES (1), (1)");
            return batch;
        }, 8, 1, new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> committer.submit(1, Duration.ofSeconds(5))).isInstanceOf(GroupCommitException.class);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM group_commit_probe", Long.class)).isZero();
    }

    @Test
    void aRequestThatLostAnAggregateConflictRunsOnceMoreAndCommits() {
        AtomicInteger attempts = new AtomicInteger();
        try (GroupCommitter<Integer, Integer> committer = new GroupCommitter<>("probe", transactions, batch -> {
            batch.forEach(id -> jdbc.update("INSERT INTO group_commit_probe VALUES (?)", id));
            if (attempts.incrementAndGet() == 1) {
                // what the event store throws when another node appended to the aggregate first
                throw new IllegalStateException("unit of work failed",
                        new ConcurrencyException("An event for aggregate [s] at sequence [3] was already inserted"));
            }
            return batch;
        }, 8, 1, new SimpleMeterRegistry())) {
            assertThat(committer.submit(5, Duration.ofSeconds(5))).isEqualTo(5);
        }
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT id FROM group_commit_probe", Integer.class)).containsExactly(5);
    }

    @Test
    void aRequestThatConflictsAgainFailsAfterItsSecondRunAndOtherFailuresAreNotRunAgain() {
        AtomicInteger attempts = new AtomicInteger();
        try (GroupCommitter<Integer, Integer> committer = new GroupCommitter<>("probe", transactions, batch -> {
            attempts.incrementAndGet();
            batch.forEach(id -> jdbc.update("INSERT INTO group_commit_probe VALUES (?)", id));
            throw new ConcurrencyException("An event for aggregate [s] at sequence [3] was already inserted");
        }, 8, 1, new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> committer.submit(5, Duration.ofSeconds(5))).isInstanceOf(GroupCommitException.class);
        }
        assertThat(attempts.get()).isEqualTo(2);

        attempts.set(0);
        try (GroupCommitter<Integer, Integer> committer = new GroupCommitter<>("probe", transactions, batch -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("not a conflict");
        }, 8, 1, new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> committer.submit(6, Duration.ofSeconds(5))).isInstanceOf(GroupCommitException.class);
        }
        assertThat(attempts.get()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM group_commit_probe", Long.class)).isZero();
    }

    @Test
    void requestsArrivingWhileABatchWorksWaitForItAndCommitTogetherAsTheNext() throws Exception {
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (GroupCommitter<Integer, Integer> committer = new GroupCommitter<>("probe", transactions, batch -> {
            batchSizes.add(batch.size());
            if (batchSizes.size() == 1) {
                firstEntered.countDown();
                await(release);
            }
            return batch;
        }, 64, 2, new SimpleMeterRegistry(), id -> 1, 1_000)) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            results.add(CompletableFuture.supplyAsync(() -> committer.submit(0, Duration.ofSeconds(10)), clients));
            assertThat(firstEntered.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 5; i++) {
                int id = i;
                results.add(CompletableFuture.supplyAsync(() -> committer.submit(id, Duration.ofSeconds(10)), clients));
            }
            Thread.sleep(300);
            assertThat(batchSizes).as("the idle committer waits at the gate").containsExactly(1);
            release.countDown();
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
            clients.shutdown();
        }
        assertThat(batchSizes).containsExactly(1, 5);
    }

    @Test
    void enoughWaitingWorkStartsASecondBatchBesideTheOneAtWork() throws Exception {
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch secondEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger batches = new AtomicInteger();
        try (GroupCommitter<Integer, Integer> committer = new GroupCommitter<>("probe", transactions, batch -> {
            if (batches.incrementAndGet() == 1) {
                firstEntered.countDown();
                await(release);
            } else {
                secondEntered.countDown();
            }
            return batch;
        }, 64, 2, new SimpleMeterRegistry(), id -> id, 6)) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            results.add(CompletableFuture.supplyAsync(() -> committer.submit(1, Duration.ofSeconds(10)), clients));
            assertThat(firstEntered.await(5, TimeUnit.SECONDS)).isTrue();
            results.add(CompletableFuture.supplyAsync(() -> committer.submit(2, Duration.ofSeconds(10)), clients));
            Thread.sleep(200);
            assertThat(secondEntered.getCount()).as("2 units of work wait: below the 6 that open a second batch")
                    .isEqualTo(1);
            results.add(CompletableFuture.supplyAsync(() -> committer.submit(4, Duration.ofSeconds(10)), clients));
            assertThat(secondEntered.await(5, TimeUnit.SECONDS)).as("6 units wait: a second batch starts").isTrue();
            assertThat(results.get(1).get(5, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(results.get(0)).isNotDone();
            release.countDown();
            assertThat(results.get(0).get(5, TimeUnit.SECONDS)).isEqualTo(1);
            clients.shutdown();
        }
    }

    @Test
    void theUnitOfWorkRunsBeforeCommitAfterItsOwnCommitWorkAndBeforeTheDataIsCommitted() throws Exception {
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        long[] seenByOthers = {-1};
        Integer result = unitOfWork.inTransaction(() -> {
            jdbc.update("INSERT INTO group_commit_probe VALUES (1)");
            org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get()
                    .onPrepareCommit(u -> order.add("prepare-commit work"));
            order.add("work");
            return 1;
        }, () -> {
            if (!order.contains("gate")) {
                order.add("gate");
                seenByOthers[0] = CompletableFuture.supplyAsync(() -> jdbc.queryForObject(
                        "SELECT count(*) FROM group_commit_probe", Long.class)).join();
            }
        });
        assertThat(result).isEqualTo(1);
        assertThat(order).containsExactly("work", "prepare-commit work", "gate");
        assertThat(seenByOthers[0]).as("not yet committed when the gate opens").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM group_commit_probe", Long.class)).isEqualTo(1);

        AtomicInteger gateOpened = new AtomicInteger();
        assertThatThrownBy(() -> unitOfWork.inTransaction(() -> {
            throw new IllegalStateException("work failed");
        }, gateOpened::incrementAndGet)).hasMessage("work failed");
        assertThat(gateOpened.get()).as("a failed batch opens the gate too").isPositive();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
