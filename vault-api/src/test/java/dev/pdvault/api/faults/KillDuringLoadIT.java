package dev.pdvault.api.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of a vault while client threads collect and detokenize: after a restart on the same database every
 * acknowledged collection is there and opens to the values sent, every acknowledged detokenization has its access
 * event, nothing is half-applied, and the projections are exactly what a replay of the events makes of them.
 */
class KillDuringLoadIT {

    private static final int COLLECTORS = 3;
    private static final int READERS = 3;

    @TempDir
    Path home;

    @Test
    void afterKillNineEveryAcknowledgedWriteIsThereAndNothingIsHalfApplied(TestReporter report) throws Exception {
        String schema = "kill_load_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        TestDatabase.execute("CREATE SCHEMA " + schema);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                    TestDatabase.BASE_URL + "?currentSchema=" + schema, TestDatabase.USER, ""));
            ClientLoad load;
            long eventsAtKill;
            try (VaultProcess vault = VaultProcess.start("kill-load", TestDatabase.BASE_URL, TestDatabase.USER,
                    schema, home.resolve("kek.json"))) {
                load = new ClientLoad(vault, ClientLoad.register(vault, 16));
                load.start(COLLECTORS, READERS);
                Instant earliest = Instant.now().plusSeconds(3);
                Instant latest = Instant.now().plusSeconds(120);
                while (Instant.now().isBefore(latest) && (Instant.now().isBefore(earliest)
                        || load.acknowledged.size() < 200 || load.readsAcknowledged.get() < 200)) {
                    Thread.sleep(100);
                }
                assertThat(load.acknowledged).as("collections acknowledged before the kill").hasSizeGreaterThan(50);
                vault.kill();
                load.stop();
                eventsAtKill = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            }

            try (VaultProcess restarted = VaultProcess.start("kill-load-restarted", TestDatabase.BASE_URL,
                    TestDatabase.USER, schema, home.resolve("kek.json"))) {
                Map<String, Long> readsByToken = new LinkedHashMap<>();
                load.readsByToken.forEach((token, n) -> readsByToken.put(token, n.sum()));
                long readsWithoutEvent = HalfApplied.readsWithoutAccessEvent(jdbc, readsByToken);
                Map<String, Long> halfApplied = HalfApplied.count(jdbc);
                long accessEvents = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry"
                        + " WHERE payload_type LIKE '%.PersonalDataDetokenized'", Long.class);

                JsonNode digestBefore = digest(restarted);
                JsonNode rebuilt = VaultProcess.JSON.readTree(restarted.send("POST", "/v1/projections/rebuild",
                        "dev-security-officer-key", null).body());
                JsonNode digestAfter = digest(restarted);

                List<ClientLoad.Collection> acknowledged = new ArrayList<>(load.acknowledged);
                long collectedTokens = jdbc.queryForObject("SELECT count(*) FROM token_ref", Long.class);
                List<String> unreadable = ClientLoad.unreadable(restarted, acknowledged);

                Map<String, Object> counts = new LinkedHashMap<>();
                counts.put("collections acknowledged", acknowledged.size());
                counts.put("collections failed", load.collectionsFailed.get());
                counts.put("collections found after restart", jdbc.queryForObject("SELECT count(*) FROM"
                        + " domain_event_entry WHERE payload_type LIKE '%.PersonalDataCollected'", Long.class));
                counts.put("acknowledged tokens unreadable after restart", unreadable.size());
                counts.put("tokens found after restart", collectedTokens);
                counts.put("detokenizations acknowledged", load.readsAcknowledged.get());
                counts.put("detokenizations failed", load.readsFailed.get());
                counts.put("access events found after restart", accessEvents);
                counts.put("acknowledged token reads without an access event", readsWithoutEvent);
                counts.put("acknowledged reads with wrong values", load.readsWrong.get());
                counts.put("events at the kill", eventsAtKill);
                counts.put("events replayed", rebuilt.path("events").asLong());
                counts.put("failures", load.failureKinds());
                counts.putAll(halfApplied);
                counts.forEach((k, v) -> report.publishEntry(k, String.valueOf(v)));
                System.out.println("KillDuringLoadIT counts: " + counts);

                assertThat(unreadable).as("acknowledged tokens that do not open to the value sent").isEmpty();
                assertThat(load.readsWrong.get()).isZero();
                assertThat(readsWithoutEvent).as("acknowledged reads without their access event").isZero();
                assertThat(halfApplied).as("half-applied").allSatisfy((what, n) -> assertThat(n).as(what).isZero());
                assertThat(collectedTokens).as("every token of an acknowledged collection is in token_ref")
                        .isGreaterThanOrEqualTo(acknowledged.size() * 4L);
                assertThat(digestAfter).as("projections equal a replay of the events").isEqualTo(digestBefore);
                assertThat(rebuilt.path("events").asLong()).isGreaterThanOrEqualTo(eventsAtKill);
                assertThat(load.failures()).as("requests cut by the kill").isPositive();
            }
        } finally {
            TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static JsonNode digest(VaultProcess vault) throws Exception {
        return VaultProcess.JSON.readTree(vault.send("GET", "/v1/projections/digest", "dev-auditor-key", null).body());
    }
}
