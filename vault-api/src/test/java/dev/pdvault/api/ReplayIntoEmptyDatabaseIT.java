package dev.pdvault.api;

import dev.pdvault.api.replay.EventHistory;
import dev.pdvault.api.replay.ProjectionDigest;
import dev.pdvault.api.replay.ProjectionRebuilder;
import dev.pdvault.projections.Projection;
import dev.pdvault.projections.consents.ConsentProjection;
import dev.pdvault.projections.credentials.CredentialProjection;
import dev.pdvault.projections.keys.BackupReachProjection;
import dev.pdvault.projections.requests.RequestProjection;
import dev.pdvault.projections.shares.ShareProjection;
import dev.pdvault.projections.subjects.SubjectProjection;
import dev.pdvault.projections.timeline.TimelineProjection;
import dev.pdvault.projections.tokens.TokenProjection;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replay into an empty database equals the live projections: after a scripted history with consents, opt-outs,
 * shares (allowed and refused), a correction, completed transactions, erasures that retain data and the
 * retention sweep that shreds it, the event store alone is copied into a fresh schema that the vault's
 * migrations create, every projection is replayed there from the first event, and the digests of every
 * projection table equal the live ones, with every index as it was defined; a replay that fails midway leaves
 * the projections and their indexes as they were. No data key is copied: projections never decrypt.
 */
class ReplayIntoEmptyDatabaseIT extends VaultIntegrationTest {

    @Autowired
    List<Projection> liveProjections;
    @Autowired
    ProjectionDigest liveDigest;
    @Autowired
    EventSchema eventSchema;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    TestClock clock;
    @Autowired
    org.axonframework.config.Configuration axon;

    @Test
    void replayOfTheEventStoreIntoAFreshSchemaEqualsTheLiveProjectionsTableByTable() {
        scriptedHistory();

        String fresh = TestDatabase.SCHEMA + "_replay_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        try {
            Flyway.configure().dataSource(TestDatabase.BASE_URL, TestDatabase.USER, "").schemas(fresh)
                    .createSchemas(true).load().migrate();
            Map<String, String> live = liveDigest.digests();
            long events = eventCount();
            jdbc.update("INSERT INTO " + fresh + ".domain_event_entry SELECT * FROM domain_event_entry");

            DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabase.BASE_URL
                    + (TestDatabase.BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + fresh, TestDatabase.USER, "");
            JdbcTemplate freshJdbc = new JdbcTemplate(dataSource);
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
            EventHistory store = new EventHistory(dataSource, eventSchema, eventSerializer, axon.upcasterChain());
            List<Projection> projections = List.of(new TokenProjection(freshJdbc),
                    new SubjectProjection(freshJdbc, json), new ShareProjection(freshJdbc),
                    new ConsentProjection(freshJdbc), new CredentialProjection(freshJdbc),
                    new RequestProjection(freshJdbc, json), new BackupReachProjection(freshJdbc, json),
                    new TimelineProjection(freshJdbc, json));
            assertThat(projections).as("every projection of the vault is replayed")
                    .extracting(p -> (Object) p.getClass())
                    .containsExactlyInAnyOrderElementsOf(liveProjections.stream().map(p -> (Object) p.getClass()).toList());

            // nothing but the events: no data key, no KEK record, no projection row before the replay
            assertThat(freshJdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(events);
            for (String table : List.of("data_key", "data_key_wrap", "kek_version", "token_ref", "subject_timeline")) {
                assertThat(freshJdbc.queryForObject("SELECT count(*) FROM " + table, Long.class)).as(table).isZero();
            }
            assertThat(ProjectionDigest.digests(freshJdbc, projections)).isNotEqualTo(live);
            List<String> indexes = indexDefinitions(freshJdbc);

            List<Long> progress = new ArrayList<>();
            ProjectionRebuilder.Progress done = ProjectionRebuilder.replay(store, projections, freshJdbc,
                    new TransactionTemplate(transactions), progress::add);
            assertThat(done.events()).isEqualTo(events);
            assertThat(done.handled()).isPositive();
            assertThat(progress).first().isEqualTo(0L);
            assertThat(progress).last().isEqualTo(events);

            Map<String, String> replayed = ProjectionDigest.digests(freshJdbc, projections);
            assertThat(replayed.keySet()).containsExactlyElementsOf(live.keySet());
            live.forEach((table, hash) -> assertThat(replayed.get(table)).as(table).isEqualTo(hash));
            assertThat(call("GET", "/v1/projections/digest", AUDITOR, null).json().get("all").asText())
                    .as("the digest the vault reports").isEqualTo(replayed.get("all"));
            assertThat(indexDefinitions(freshJdbc)).as("every index as it was defined").isEqualTo(indexes);

            // a rebuild that fails after its first events leaves the projections and their indexes as they were
            assertThatThrownBy(() -> ProjectionRebuilder.replay(store, projections, freshJdbc,
                    new TransactionTemplate(transactions), read -> {
                        if (read > 0) {
                            throw new IllegalStateException("fails mid-replay");
                        }
                    })).hasMessage("replay failed").hasRootCauseMessage("fails mid-replay");
            assertThat(ProjectionDigest.digests(freshJdbc, projections)).isEqualTo(replayed);
            assertThat(indexDefinitions(freshJdbc)).isEqualTo(indexes);
        } finally {
            TestDatabase.execute("DROP SCHEMA IF EXISTS " + fresh + " CASCADE");
        }
    }

    private static List<String> indexDefinitions(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                + " ORDER BY indexname", String.class);
    }

    private void scriptedHistory() {
        String erased = register("CN");
        Map<String, String> member = collect(erased, "membership", "membership", Map.of("phone", "+86 135 0000 1111"));
        Response order = call("POST", "/v1/subjects/" + erased + "/records", COLLECTOR, Map.of("category", "order",
                "purpose", "order_fulfilment", "source", "subject", "fields", Map.of("consignee_name", plant("Lu Yan"))));
        assertThat(order.status()).isEqualTo(201);
        String name = order.json().get("tokens").get("consignee_name").asText();
        assertThat(call("POST", "/v1/subjects/" + erased + "/records/" + order.json().get("collectionId").asText()
                + "/completion", COLLECTOR, null).status()).isEqualTo(204);
        assertThat(call("POST", "/v1/subjects/" + erased + "/consents", COLLECTOR,
                Map.of("purpose", "personalised_membership")).status()).isEqualTo(201);
        assertThat(call("PUT", "/v1/subjects/" + erased + "/opt-outs/sms", COLLECTOR, null).status()).isEqualTo(204);
        assertThat(detokenize(LOGISTICS, "order_fulfilment", name).status()).isEqualTo(200);
        assertThat(detokenize(MARKETING, "advertising", name).status()).isEqualTo(403);
        assertThat(call("POST", "/v1/shares", ORDER_SERVICE, Map.of("recipient", "sf-express", "purpose", "delivery",
                "tokens", List.of(name))).status()).isEqualTo(201);
        assertThat(call("POST", "/v1/shares", ORDER_SERVICE, Map.of("recipient", "visa", "purpose", "payment",
                "tokens", List.of(name))).status()).isEqualTo(403);
        assertThat(call("PUT", "/v1/tokens/" + member.get("phone"), COLLECTOR, Map.of("value", "+86 135 0000 2222"))
                .status()).isEqualTo(204);
        assertThat(call("DELETE", "/v1/subjects/" + erased + "/consents/personalised_membership", COLLECTOR, null)
                .status()).isEqualTo(204);
        assertThat(call("DELETE", "/v1/subjects/" + erased, PRIVACY_OFFICER, null).status()).isEqualTo(200);

        String gone = register("CN-HK");
        collect(gone, "customer_service", "customer_service", Map.of("contact_information", plant("Gone")));
        assertThat(call("DELETE", "/v1/subjects/" + gone, PRIVACY_OFFICER, null).status()).isEqualTo(200);

        String kept = register("CN");
        String keptName = collect(kept, "order", "delivery", Map.of("consignee_name", plant("Kept"))).get("consignee_name");
        assertThat(detokenize(LOGISTICS, "delivery", keptName).status()).isEqualTo(200);

        clock.moveTo(Duration.ofDays(3 * 366 + 2));
        assertThat(call("POST", "/v1/retention/sweep", PRIVACY_OFFICER, null).json().get("retainedShredded")
                .toString()).contains(erased);
        clock.reset();
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM token_ref WHERE subject_id = ?::uuid",
                String.class, erased)).containsExactly("ERASED");
    }
}
