package dev.pdvault.api.commit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Runs the work of many concurrent requests in one transaction per batch, so that a commit (an fsync) is paid
 * once per batch instead of once per request. Each request gets its result only after its batch committed:
 * if the commit fails, every request of the batch fails, and none sees a result.
 *
 * <p>A batch that fails is retried one request per transaction, so one bad request cannot fail its
 * neighbours; a request that failed on a conflict of aggregate versions ({@link #isConflict}) runs once more,
 * also when it was alone in its batch. The handler must therefore be safe to run again after a rollback (it is:
 * nothing it does outlives a rolled-back transaction).
 *
 * @param <T> a request's input
 * @param <R> a request's result
 */
public final class GroupCommitter<T, R> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    /** A waiting request, with its units of work as counted in {@link #queuedWeight}. */
    private record Pending<T, R>(T input, CompletableFuture<R> result, int units) {
    }

    private final BlockingQueue<Pending<T, R>> queue;
    private final TransactionRunner transactions;
    private final Function<List<T>, List<R>> batchHandler;
    private final int maxBatch;
    private final List<Thread> committers = new ArrayList<>();
    private final DistributionSummary batchSizes;
    /**
     * The gate: held by the committer that gathers a batch and does its work, until only the batch's commit (the
     * durable flush) is left. So the committers' flushes overlap, but while one batch's work is under way the
     * requests that arrive wait for the next batch instead of each idle committer taking the first few on its
     * own: fewer, fuller transactions for the same requests. A committer passes the gate without holding it
     * when the queue holds {@code parallelAbove} or more units of work ({@code weight}), so work that fills a
     * core on its own (batches of many tokens) still runs on both.
     */
    private final ReentrantLock gateLock = new ReentrantLock();
    private final Condition gateChanged = gateLock.newCondition();
    private boolean gateHeld;
    private final AtomicLong queuedWeight = new AtomicLong();
    private final ToIntFunction<T> weight;
    private final long parallelAbove;
    private volatile boolean running = true;

    /**
     * A committer whose batches take turns at the gate unless {@code maxBatch} requests are waiting.
     *
     * @param batchHandler runs inside the transaction; returns one result per input, in order
     */
    public GroupCommitter(String name, TransactionRunner transactions, Function<List<T>, List<R>> batchHandler,
                          int maxBatch, int committerThreads, MeterRegistry meters) {
        this(name, transactions, batchHandler, maxBatch, committerThreads, meters, input -> 1, maxBatch);
    }

    /**
     * @param batchHandler  runs inside the transaction; returns one result per input, in order
     * @param weight        a request's units of work (tokens, fields), at least 1
     * @param parallelAbove units of work waiting from which a committer starts a batch while another batch's work
     *                      is under way
     */
    public GroupCommitter(String name, TransactionRunner transactions, Function<List<T>, List<R>> batchHandler,
                          int maxBatch, int committerThreads, MeterRegistry meters, ToIntFunction<T> weight,
                          long parallelAbove) {
        this.weight = weight;
        this.parallelAbove = parallelAbove;
        this.transactions = transactions;
        this.batchHandler = batchHandler;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(Math.max(1024, maxBatch * committerThreads * 8));
        this.batchSizes = DistributionSummary.builder("vault.group_commit.batch_size").tag("committer", name)
                .description("Requests committed per transaction").register(meters);
        for (int i = 0; i < committerThreads; i++) {
            Thread t = new Thread(this::run, name + "-committer-" + i);
            t.setDaemon(true);
            committers.add(t);
            t.start();
        }
    }

    /**
     * Submits one request and waits for its batch to commit.
     *
     * @throws GroupCommitException when the batch (and the request's own retry) did not commit, or on timeout
     */
    public R submit(T input, Duration timeout) {
        CompletableFuture<R> future = new CompletableFuture<>();
        int units = Math.max(1, weight.applyAsInt(input));
        try {
            long before = queuedWeight.getAndAdd(units);
            if (!running || !queue.offer(new Pending<>(input, future, units), timeout.toMillis(),
                    TimeUnit.MILLISECONDS)) {
                queuedWeight.addAndGet(-units);
                throw new GroupCommitException("the commit queue is full", null);
            }
            if (before < parallelAbove && before + units >= parallelAbove) {
                signalGate();
            }
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GroupCommitException("interrupted", e);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new GroupCommitException("timed out waiting for the commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new GroupCommitException("the commit failed", e.getCause());
        }
    }

    private void run() {
        List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                boolean holding = enterGate();
                AtomicBoolean held = new AtomicBoolean(holding);
                Runnable leave = () -> {
                    if (held.compareAndSet(true, false)) {
                        leaveGate();
                    }
                };
                try {
                    Pending<T, R> first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    long units = 0;
                    for (Pending<T, R> p : batch) {
                        units += p.units();
                    }
                    queuedWeight.addAndGet(-units);
                    batch.removeIf(p -> p.result().isCancelled());
                    if (!batch.isEmpty()) {
                        commit(batch, leave);
                    }
                } finally {
                    leave.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Group commit loop failed: {}", e.getClass().getName());
                batch.forEach(p -> p.result().completeExceptionally(new GroupCommitException("the commit failed", e)));
            } finally {
                batch.clear();
            }
        }
    }

    /** Waits for the gate, or for enough waiting work to go past it; true when this committer now holds it. */
    private boolean enterGate() throws InterruptedException {
        gateLock.lockInterruptibly();
        try {
            while (gateHeld && queuedWeight.get() < parallelAbove) {
                gateChanged.await(200, TimeUnit.MILLISECONDS);
                if (!running) {
                    return false;
                }
            }
            if (gateHeld) {
                return false;
            }
            gateHeld = true;
            return true;
        } finally {
            gateLock.unlock();
        }
    }

    private void leaveGate() {
        gateLock.lock();
        try {
            gateHeld = false;
            gateChanged.signalAll();
        } finally {
            gateLock.unlock();
        }
    }

    private void signalGate() {
        gateLock.lock();
        try {
            gateChanged.signalAll();
        } finally {
            gateLock.unlock();
        }
    }

    private void commit(List<Pending<T, R>> batch, Runnable beforeCommit) {
        List<T> inputs = batch.stream().map(Pending::input).toList();
        try {
            List<R> results = transactions.inTransaction(() -> batchHandler.apply(inputs), beforeCommit);
            batchSizes.record(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                if (isConflict(batchFailure)) {
                    alone(batch.get(0), false);
                } else {
                    batch.get(0).result().completeExceptionally(asFailure(batchFailure));
                }
                return;
            }
            for (Pending<T, R> one : batch) {
                alone(one, true);
            }
        }
    }

    /** Runs one request in a transaction of its own; after a conflict, once more if {@code again}. */
    private void alone(Pending<T, R> one, boolean again) {
        try {
            List<R> result = transactions.inTransaction(() -> batchHandler.apply(List.of(one.input())));
            batchSizes.record(1);
            one.result().complete(result.get(0));
        } catch (RuntimeException e) {
            if (again && isConflict(e)) {
                alone(one, false);
            } else {
                one.result().completeExceptionally(asFailure(e));
            }
        }
    }

    /**
     * Another writer appended to an aggregate first (the event store refused the sequence number): the rollback has
     * dropped the stale cached aggregate, so running the request again works on what was stored. This happens when
     * another vault node wrote to a subject that this node has cached.
     */
    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException asFailure(RuntimeException e) {
        return e instanceof GroupCommitException ? e : new GroupCommitException("the commit failed", e);
    }

    @Override
    public void close() {
        running = false;
        committers.forEach(Thread::interrupt);
        Pending<T, R> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new GroupCommitException("the vault is shutting down", null));
        }
    }
}
