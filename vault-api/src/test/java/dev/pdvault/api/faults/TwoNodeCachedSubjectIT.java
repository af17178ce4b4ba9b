package dev.pdvault.api.faults;

import dev.pdvault.api.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two vault nodes on one schema take turns collecting records of one subject. Each node keeps the subject's
 * aggregate in its cache ({@code BoundedCache}) between commands, so every turn but the first finds its cached
 * aggregate behind what the other node appended: the event store refuses the append, the rollback drops the stale
 * entry, and the group committer runs the collection once more on the stored state. Every collection succeeds,
 * and the subject's stream holds each record once, in order. A command that is not group-committed (a consent)
 * on a stale entry is answered 409, with nothing kept, and works when sent again.
 */
class TwoNodeCachedSubjectIT {

    private static final int TURNS = 6;

    @TempDir
    Path home;

    private static long number(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.BASE_URL, TestDatabase.USER, "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void nodesTakingTurnsOnOneSubjectEachSeeWhatTheOtherAppended() throws Exception {
        String schema = "cached_subject_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        TestDatabase.execute("CREATE SCHEMA " + schema);
        try (VaultProcess a = VaultProcess.start("node-a", TestDatabase.BASE_URL, TestDatabase.USER, schema,
                home.resolve("kek.json"));
             VaultProcess b = VaultProcess.start("node-b", TestDatabase.BASE_URL, TestDatabase.USER, schema,
                     home.resolve("kek.json"))) {
            String subject = ClientLoad.register(a, 1).get(0);
            for (int turn = 0; turn < TURNS; turn++) {
                VaultProcess node = turn % 2 == 0 ? a : b;
                HttpResponse<String> collected = node.send("POST", "/v1/subjects/" + subject + "/records",
                        "dev-collector-key", Map.of("category", "order", "purpose", "delivery", "source", "subject",
                                "fields", Map.of("consignee_name", "Turn " + turn, "address", turn + " Cache Lane")));
                assertThat(collected.statusCode()).as("turn %d on %s: %s", turn, turn % 2 == 0 ? "A" : "B",
                        collected.body()).isEqualTo(201);
            }
            // a command that is not group-committed: node A's cached subject is behind B's last record, so its
            // first consent is refused as a concurrent change, with nothing kept, and the same request sent again works
            HttpResponse<String> refused = a.send("POST", "/v1/subjects/" + subject + "/consents", "dev-collector-key",
                    Map.of("purpose", "location_recommendation", "category", "location"));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("concurrent-change");
            HttpResponse<String> given = a.send("POST", "/v1/subjects/" + subject + "/consents", "dev-collector-key",
                    Map.of("purpose", "location_recommendation", "category", "location"));
            assertThat(given.statusCode()).as(given.body()).isEqualTo(201);
            assertThat(number("SELECT count(*) FROM " + schema + ".domain_event_entry WHERE aggregate_identifier = '"
                    + subject + "' AND payload_type LIKE '%.ConsentGranted'")).isEqualTo(1);

            long collections = number("SELECT count(*) FROM " + schema + ".domain_event_entry"
                    + " WHERE aggregate_identifier = '" + subject + "' AND payload_type LIKE '%.PersonalDataCollected'");
            long lastSequence = number("SELECT max(sequence_number) FROM " + schema
                    + ".domain_event_entry WHERE aggregate_identifier = '" + subject + "'");
            long events = number("SELECT count(*) FROM " + schema + ".domain_event_entry"
                    + " WHERE aggregate_identifier = '" + subject + "'");
            assertThat(collections).isEqualTo(TURNS);
            assertThat(lastSequence).as("no gap in the subject's stream").isEqualTo(events - 1);
        } finally {
            TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
