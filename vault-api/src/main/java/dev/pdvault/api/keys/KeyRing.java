package dev.pdvault.api.keys;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs work that records on the one {@code KeyEncryptionKeyRing} aggregate, one at a time, each in a transaction of
 * its own that also holds the table changes it records: two commands on the ring from two threads would otherwise
 * both append the same sequence number and one would fail at commit.
 */
@Component
public class KeyRing {

    private final ReentrantLock lock = new ReentrantLock();
    private final TransactionTemplate transactions;

    public KeyRing(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    public <T> T record(TransactionCallback<T> work) {
        lock.lock();
        try {
            return transactions.execute(work);
        } finally {
            lock.unlock();
        }
    }
}
