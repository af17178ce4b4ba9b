package dev.pdvault.api.commit;

import java.util.function.Supplier;

/** Runs work in one transaction and returns its result only once that transaction committed. */
@FunctionalInterface
public interface TransactionRunner {

    <R> R inTransaction(Supplier<R> work);

    /**
     * As {@link #inTransaction(Supplier)}, and runs {@code beforeCommit} once the transaction's work is done and
     * only its commit (the durable flush) is left, or when the work fails. This runner runs it right after the
     * work; one that does work of its own before committing (appending events, updating projections) runs it
     * after that work. It may run more than once, so it must be safe to run again.
     */
    default <R> R inTransaction(Supplier<R> work, Runnable beforeCommit) {
        try {
            return inTransaction(() -> {
                R result = work.get();
                beforeCommit.run();
                return result;
            });
        } finally {
            beforeCommit.run();
        }
    }
}
