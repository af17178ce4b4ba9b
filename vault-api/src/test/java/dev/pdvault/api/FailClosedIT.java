package dev.pdvault.api;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** If the access cannot be recorded, no plaintext is returned. */
class FailClosedIT extends VaultIntegrationTest {

    @Test
    void whenTheAccessEventCannotBeWrittenNoPlaintextIsReturned() {
        String subject = register("CN");
        String name = plant("Qian Yu");
        Map<String, String> tokens = collect(subject, "order", "delivery", Map.of("consignee_name", name));
        long accessesBefore = accessEvents();
        jdbc.execute("CREATE OR REPLACE FUNCTION refuse_access_events() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'access events refused by the test'; END $$");
        jdbc.execute("CREATE TRIGGER refuse_access_events BEFORE INSERT ON domain_event_entry FOR EACH ROW"
                + " WHEN (NEW.payload_type LIKE '%Detokeniz%') EXECUTE FUNCTION refuse_access_events()");
        try {
            Response read = detokenize(LOGISTICS, "delivery", tokens.get("consignee_name"));
            assertThat(read.status()).isEqualTo(503);
            assertThat(read.type()).endsWith("/access-not-recorded");
            assertThat(read.body()).doesNotContain(name);
            assertThat(accessEvents()).isEqualTo(accessesBefore);
        } finally {
            jdbc.execute("DROP TRIGGER refuse_access_events ON domain_event_entry");
        }
        Response afterRepair = detokenize(LOGISTICS, "delivery", tokens.get("consignee_name"));
        assertThat(afterRepair.status()).isEqualTo(200);
        assertThat(afterRepair.body()).contains(name);
        assertThat(accessEvents()).isEqualTo(accessesBefore + 1);
    }

    @Test
    void whenTheEventStoreHangsTheAccessTimesOutWithoutPlaintext() throws Exception {
        String subject = register("CN");
        String name = plant("Lu Ming");
        Map<String, String> tokens = collect(subject, "order", "delivery", Map.of("consignee_name", name));
        try (Connection store = TestDatabase.connect()) {
            store.setAutoCommit(false);
            try (Statement lock = store.createStatement()) {
                lock.execute("LOCK TABLE domain_event_entry IN EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            Response read = detokenize(LOGISTICS, "delivery", tokens.get("consignee_name"));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(read.status()).isEqualTo(503);
            assertThat(read.type()).endsWith("/access-not-recorded");
            assertThat(read.body()).doesNotContain(name);
            assertThat(waited).as("answered within twice vault.detokenize.timeout, and a margin")
                    .isLessThan(Duration.ofSeconds(20));
            store.rollback();
        }
        Response afterRelease = detokenize(LOGISTICS, "delivery", tokens.get("consignee_name"));
        assertThat(afterRelease.status()).isEqualTo(200);
        assertThat(afterRelease.body()).contains(name);
    }

    @Test
    void whenAProjectionCannotBeWrittenNothingIsAcknowledgedAndNoPlaintextIsReturned() {
        String subject = register("CN");
        String name = plant("Jiang Tao");
        Map<String, String> tokens = collect(subject, "order", "delivery", Map.of("consignee_name", name));
        long eventsBefore = eventCount();
        long subjectsBefore = jdbc.queryForObject("SELECT count(*) FROM subject_view", Long.class);
        jdbc.execute("CREATE OR REPLACE FUNCTION refuse_timeline() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'timeline refused by the test'; END $$");
        jdbc.execute("CREATE TRIGGER refuse_timeline BEFORE INSERT ON subject_timeline FOR EACH ROW"
                + " EXECUTE FUNCTION refuse_timeline()");
        jdbc.execute("CREATE TRIGGER refuse_access_ref BEFORE INSERT ON access_ref FOR EACH ROW"
                + " EXECUTE FUNCTION refuse_timeline()");
        try {
            Response read = detokenize(LOGISTICS, "delivery", tokens.get("consignee_name"));
            assertThat(read.status()).isEqualTo(503);
            assertThat(read.body()).doesNotContain(name);

            Response registered = call("POST", "/v1/subjects", COLLECTOR, Map.of("region", "CN"));
            assertThat(registered.status()).isEqualTo(500);
            assertThat(registered.type()).endsWith("/internal-error");

            Response collected = call("POST", "/v1/subjects/" + subject + "/records", COLLECTOR, Map.of("category",
                    "order", "purpose", "delivery", "source", "subject", "fields", Map.of("address", plant("Road"))));
            assertThat(collected.status()).isEqualTo(503);
            assertThat(collected.type()).endsWith("/collection-not-recorded");

            assertThat(eventCount()).isEqualTo(eventsBefore);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_view", Long.class)).isEqualTo(subjectsBefore);
        } finally {
            jdbc.execute("DROP TRIGGER refuse_timeline ON subject_timeline");
            jdbc.execute("DROP TRIGGER refuse_access_ref ON access_ref");
        }
        assertThat(detokenize(LOGISTICS, "delivery", tokens.get("consignee_name")).body()).contains(name);
    }

    private long accessEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%Detokeniz%'",
                Long.class);
    }
}
