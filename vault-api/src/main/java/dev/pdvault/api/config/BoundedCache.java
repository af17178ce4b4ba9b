package dev.pdvault.api.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Axon's aggregate {@link Cache} on a Caffeine cache of at most a given number of entries, evicted least recently
 * and least frequently used first (Caffeine's W-TinyLFU). It replaces Axon's {@code WeakReferenceCache}, whose
 * entries the garbage collector clears at its own pace: under load a subject's aggregate was dropped between two of
 * its commands, and loading it again from its events was a fifth of the CPU of a collection.
 *
 * <p>Entries are aggregate states (ids, token-to-field maps, consents), never sealed values or plaintext. Another
 * node's writes do not update this node's entries: a command on an entry that another node has since extended
 * appends at a sequence number that is already taken, the event store rejects it, and Axon's caching repository
 * removes the entry when the unit of work rolls back, as it did with the weak cache. Listeners are told of
 * creations, updates and reads as they happen, of explicit removals, and of evictions as expiries, each on the
 * thread that caused it.
 */
public final class BoundedCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;
    private final ConcurrentMap<Object, Object> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    /** @param maxEntries the most entries kept; at least 1 */
    public BoundedCache(long maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .executor(Runnable::run)
                .removalListener(this::removed)
                .build();
        this.entries = cache.asMap();
    }

    private void removed(Object key, Object value, RemovalCause cause) {
        if (key == null) {
            return;
        }
        switch (cause) {
            case EXPLICIT -> listeners.forEach(l -> l.onEntryRemoved(key));
            case REPLACED -> {
                // reported as an update by put and computeIfPresent
            }
            default -> listeners.forEach(l -> l.onEntryExpired(key));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.get(key);
        if (value != null) {
            listeners.forEach(l -> l.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        Objects.requireNonNull(value, "value");
        Object previous = entries.put(key, value);
        if (previous == null) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        } else {
            listeners.forEach(l -> l.onEntryUpdated(key, value));
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        Objects.requireNonNull(value, "value");
        boolean created = entries.putIfAbsent(key, value) == null;
        if (created) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
        return created;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        boolean[] created = {false};
        Object value = entries.computeIfAbsent(key, k -> {
            created[0] = true;
            return valueSupplier.get();
        });
        if (created[0] && value != null) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
        return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        Object value = entries.computeIfPresent(key, (k, v) -> update.apply((V) v));
        if (value != null) {
            listeners.forEach(l -> l.onEntryUpdated(key, value));
        }
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** Entries now held, once pending evictions are done. */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
