package dev.pdvault.api.commit;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * One Axon unit of work with the database transaction attached, around a whole batch. Commands sent inside
 * it run in nested units, so the events of every command of the batch are appended in one batched insert,
 * and a failed commit rolls every nested unit back (Axon then drops what it cached of their aggregates).
 */
@Component
public class UnitOfWorkTransactions implements TransactionRunner {

    private final TransactionManager transactions;

    public UnitOfWorkTransactions(TransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public <R> R inTransaction(Supplier<R> work) {
        return inTransaction(work, () -> { });
    }

    /**
     * Runs {@code beforeCommit} after the unit's prepare-commit work (appending the events, the subscribing
     * projections' writes), just before the database commit: it is registered after the work, so it follows
     * the event bus's own prepare-commit handler, which the work's first event registered. It also runs when
     * the work or the commit fails; it must be safe to run twice.
     */
    @Override
    public <R> R inTransaction(Supplier<R> work, Runnable beforeCommit) {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("group-commit"));
        unit.attachTransaction(transactions);
        try {
            R result = work.get();
            unit.onPrepareCommit(u -> beforeCommit.run());
            unit.commit();
            return result;
        } catch (RuntimeException e) {
            if (unit.isActive()) {
                unit.rollback(e);
            }
            throw e;
        } finally {
            beforeCommit.run();
        }
    }
}
