package dev.pdvault.api.config;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedCacheTest {

    /** Records what a listener is told, one line per call. */
    private static final class Recorder extends Cache.EntryListenerAdapter {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onEntryCreated(Object key, Object value) {
            calls.add("created " + key + "=" + value);
        }

        @Override
        public void onEntryUpdated(Object key, Object value) {
            calls.add("updated " + key + "=" + value);
        }

        @Override
        public void onEntryRead(Object key, Object value) {
            calls.add("read " + key + "=" + value);
        }

        @Override
        public void onEntryRemoved(Object key) {
            calls.add("removed " + key);
        }

        @Override
        public void onEntryExpired(Object key) {
            calls.add("expired " + key);
        }
    }

    @Test
    void keepsWhatWasPutUntilItIsRemoved() {
        BoundedCache cache = new BoundedCache(10);

        cache.put("a", "1");
        assertThat(cache.putIfAbsent("a", "2")).isFalse();
        assertThat(cache.putIfAbsent("b", "3")).isTrue();

        assertThat(cache.<String, String>get("a")).isEqualTo("1");
        assertThat(cache.<String, String>get("b")).isEqualTo("3");
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        assertThat(cache.<String, String>get("a")).isNull();
        assertThat(cache.containsKey("a")).isFalse();
        cache.removeAll();
        assertThat(cache.containsKey("b")).isFalse();
    }

    @Test
    void computesOnlyWhatIsAbsentAndUpdatesOnlyWhatIsPresent() {
        BoundedCache cache = new BoundedCache(10);

        assertThat(cache.<String>computeIfAbsent("a", () -> "1")).isEqualTo("1");
        assertThat(cache.<String>computeIfAbsent("a", () -> "2")).isEqualTo("1");
        cache.<String>computeIfPresent("a", v -> v + "+");
        cache.<String>computeIfPresent("missing", v -> "never");

        assertThat(cache.<String, String>get("a")).isEqualTo("1+");
        assertThat(cache.containsKey("missing")).isFalse();
    }

    @Test
    void holdsNoMoreThanItsBoundAndReportsTheEvictedAsExpired() {
        BoundedCache cache = new BoundedCache(100);
        Recorder listener = new Recorder();
        cache.registerCacheEntryListener(listener);

        IntStream.range(0, 1_000).forEach(i -> cache.put("k" + i, i));

        assertThat(cache.size()).isEqualTo(100);
        long kept = IntStream.range(0, 1_000).filter(i -> cache.containsKey("k" + i)).count();
        assertThat(kept).isEqualTo(100);
        assertThat(listener.calls.stream().filter(c -> c.startsWith("expired "))).hasSize(900);
    }

    @Test
    void tellsItsListenersWhatHappensUntilTheyLeave() {
        BoundedCache cache = new BoundedCache(10);
        Recorder listener = new Recorder();
        Registration registration = cache.registerCacheEntryListener(listener);

        cache.put("a", "1");
        cache.put("a", "2");
        cache.get("a");
        cache.get("nothing");
        cache.putIfAbsent("b", "3");
        cache.computeIfAbsent("c", () -> "4");
        cache.<String>computeIfPresent("c", v -> v + "!");
        cache.remove("a");
        registration.cancel();
        cache.put("d", "5");

        assertThat(listener.calls).containsExactly("created a=1", "updated a=2", "read a=2", "created b=3",
                "created c=4", "updated c=4!", "removed a");
    }

    @Test
    void refusesABoundBelowOne() {
        assertThatThrownBy(() -> new BoundedCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
