package dev.pdvault.api.keys;

import com.google.crypto.tink.Aead;
import dev.pdvault.crypto.KeyEncryptionKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gauges' scheduled refresh scans {@code data_key}: it waits 30 s, or 100 times what the last refresh took; and
 * an inventory never overwrites the gauges of one that started after it.
 */
class KeyInventoryRefreshTest {

    @Test
    void aRefreshWaitsThirtySecondsOrAHundredTimesWhatTheLastOneTook() {
        assertThat(KeyInventory.refreshDelay(Duration.ofMillis(5))).isEqualTo(Duration.ofSeconds(30));
        assertThat(KeyInventory.refreshDelay(Duration.ofMillis(300))).isEqualTo(Duration.ofSeconds(30));
        assertThat(KeyInventory.refreshDelay(Duration.ofMillis(301))).isEqualTo(Duration.ofMillis(30_100));
        assertThat(KeyInventory.refreshDelay(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(200));
    }

    @Test
    void theScheduledRefreshRunsOnceAndThenWaits() {
        AtomicInteger scans = new AtomicInteger();
        JdbcTemplate failing = new JdbcTemplate() {
            @Override
            public void query(String sql, RowCallbackHandler rch) {
                scans.incrementAndGet();
                throw new DataAccessResourceFailureException("no database in this test");
            }
        };
        KeyInventory inventory = new KeyInventory(new OneVersion(), null, failing, Clock.systemUTC(),
                new SimpleMeterRegistry());

        inventory.refreshMetrics();
        inventory.refreshMetrics();
        inventory.refreshMetrics();

        assertThat(scans).hasValue(1);
    }

    @Test
    void anInventoryThatStartedEarlierDoesNotOverwriteTheGaugesOfOneThatStartedLater() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KeyInventory inventory = new KeyInventory(new OneVersion(), null, new JdbcTemplate(), Clock.systemUTC(),
                meters);

        inventory.publish(2, List.of(), Map.of("v2", 7L));
        inventory.publish(1, List.of(), Map.of("v1", 5L));

        assertThat(meters.find("vault.keys.data_keys").gauges()).singleElement()
                .satisfies(g -> {
                    assertThat(g.getId().getTag("kek_version")).isEqualTo("v2");
                    assertThat(g.value()).isEqualTo(7.0);
                });
        inventory.publish(3, List.of(), Map.of("v3", 9L));
        assertThat(meters.find("vault.keys.data_keys").gauges()).singleElement()
                .satisfies(g -> assertThat(g.getId().getTag("kek_version")).isEqualTo("v3"));
    }

    private static final class OneVersion implements KeyEncryptionKeys {
        @Override public String primaryVersion() { return "v1"; }
        @Override public List<String> versions() { return List.of("v1"); }
        @Override public Aead aead(String version) { throw new UnsupportedOperationException(); }
        @Override public String rotate() { throw new UnsupportedOperationException(); }
        @Override public void destroy(String version) { throw new UnsupportedOperationException(); }
        @Override public String describe() { return "test"; }
    }
}
