package dev.pdvault.api.commit;

import java.util.function.Supplier;

/** Runs work in one transaction and returns its result only once that transaction committed. */
@FunctionalInterface
public interface TransactionRunner {

    <R> R inTransaction(Supplier<R> work);
}
