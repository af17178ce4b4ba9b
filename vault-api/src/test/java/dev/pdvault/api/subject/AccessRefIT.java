package dev.pdvault.api.subject;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.TestDatabase;
import dev.pdvault.api.VaultIntegrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code access_ref} holds one row per access with the subjects it touched, found by subject through its GIN
 * index: a batch of several subjects' tokens is one row, each subject's history still shows the access with its
 * own tokens only, and the V22 migration turns the former rows (one per subject) into the rows the projection
 * writes, subjects in the same order.
 */
class AccessRefIT extends VaultIntegrationTest {

    @Test
    void aBatchOfSeveralSubjectsIsOneRowAndEachSubjectsHistoryShowsItsOwnTokens() {
        List<String> subjects = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String subject = register("CN");
            subjects.add(subject);
            tokens.add(collect(subject, "order", "delivery", Map.of("consignee_name", plant("Batch"))).get("consignee_name"));
        }
        Response read = detokenize(LOGISTICS, "delivery", tokens.toArray(String[]::new));
        assertThat(read.status()).isEqualTo(200);

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT event_id::text AS event, subjects::text AS subjects"
                + " FROM access_ref WHERE subjects && ?::uuid[]", "{" + String.join(",", subjects) + "}");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("subjects")).isEqualTo("{" + String.join(",", subjects.stream().sorted().toList()) + "}");
        String event = (String) rows.get(0).get("event");

        for (int i = 0; i < subjects.size(); i++) {
            JsonNode history = call("GET", "/v1/subjects/" + subjects.get(i) + "/history", AUDITOR, null).json()
                    .get("events");
            List<JsonNode> accesses = new ArrayList<>();
            history.forEach(e -> {
                if (e.get("eventId").asText().equals(event)) {
                    accesses.add(e);
                }
            });
            assertThat(accesses).as("subject %d's history", i).hasSize(1);
            assertThat(accesses.get(0).get("type").asText()).isEqualTo("PersonalDataDetokenized");
            assertThat(accesses.get(0).get("fields")).hasSize(1);
            assertThat(accesses.get(0).get("fields").get(0).get("token").asText()).isEqualTo(tokens.get(i));
        }
    }

    @Test
    void theMigrationTurnsOneRowPerSubjectIntoOneRowPerAccessInTheProjectionsOrder() {
        String schema = TestDatabase.SCHEMA + "_v22_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        try {
            Flyway.configure().dataSource(TestDatabase.BASE_URL, TestDatabase.USER, "").schemas(schema)
                    .createSchemas(true).target("19").load().migrate();
            JdbcTemplate old = new JdbcTemplate(new DriverManagerDataSource(TestDatabase.BASE_URL
                    + (TestDatabase.BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, TestDatabase.USER, ""));
            // ids whose first byte is above 0x7f too: Java's UUID.compareTo would order those first
            List<String> subjects = List.of("f0000000-0000-4000-8000-000000000001", "0a000000-0000-4000-8000-000000000002",
                    "80000000-0000-4000-8000-000000000003", "7fffffff-0000-4000-8000-000000000004");
            UUID batch = UUID.randomUUID();
            UUID single = UUID.randomUUID();
            Timestamp at = Timestamp.from(Instant.parse("2026-11-20T10:15:30.123456Z"));
            for (String subject : subjects) {
                old.update("INSERT INTO access_ref (subject_id, occurred_at, event_id) VALUES (?::uuid, ?, ?)",
                        subject, at, batch);
            }
            old.update("INSERT INTO access_ref (subject_id, occurred_at, event_id) VALUES (?::uuid, ?, ?)",
                    subjects.get(1), at, single);

            Flyway.configure().dataSource(TestDatabase.BASE_URL, TestDatabase.USER, "").schemas(schema)
                    .load().migrate();

            List<Map<String, Object>> rows = old.queryForList("SELECT event_id, occurred_at, subjects::text AS subjects"
                    + " FROM access_ref ORDER BY cardinality(subjects)");
            assertThat(rows).hasSize(2);
            // the order TimelineProjection writes: by the ids' text
            assertThat(rows.get(0).get("subjects")).isEqualTo("{" + subjects.get(1) + "}");
            assertThat(rows.get(0).get("event_id")).isEqualTo(single);
            assertThat(rows.get(1).get("subjects")).isEqualTo("{" + String.join(",", subjects.stream().sorted().toList()) + "}");
            assertThat(rows.get(1).get("event_id")).isEqualTo(batch);
            assertThat(rows.get(1).get("occurred_at")).isEqualTo(at);
            assertThat(old.queryForList("SELECT event_id FROM access_ref WHERE subjects @> ARRAY[?::uuid]", UUID.class,
                    subjects.get(1))).containsExactlyInAnyOrder(batch, single);
            assertThat(old.queryForList("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                    + " AND tablename = 'access_ref'", String.class)).singleElement().asString().contains("gin (subjects)");
        } finally {
            TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
