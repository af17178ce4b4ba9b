package dev.pdvault.api.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped and started again under load, on a server of the test's own (never the machine's shared
 * one): while it is down every request fails closed (a problem, no plaintext), afterwards the same vault process
 * serves again without being touched, and no acknowledged write is lost.
 */
class PostgresRestartIT {

    private static final String SCHEMA = "vault";

    @TempDir
    Path home;

    @Test
    void theVaultFailsClosedWhilePostgresIsDownAndRecoversOnItsOwn(TestReporter report) throws Exception {
        Path data = home.resolve("pgdata");
        int pgPort = 20000 + ThreadLocalRandom.current().nextInt(20000);
        EmbeddedPostgres pg = durablePostgres(data, pgPort);
        String url = pg.getJdbcUrl("postgres", "postgres");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url + "&currentSchema=" + SCHEMA,
                "postgres", ""));
        jdbc.execute("CREATE SCHEMA " + SCHEMA);
        try (VaultProcess vault = VaultProcess.start("pg-restart", url, "postgres", SCHEMA, home.resolve("kek.json"))) {
            ClientLoad load = new ClientLoad(vault, ClientLoad.register(vault, 8));
            load.start(2, 2);
            await("load acknowledged before the stop", () -> load.acknowledged.size() >= 50
                    && load.readsAcknowledged.get() >= 50);
            ClientLoad.Collection known = load.acknowledged.get(0);
            String knownToken = known.valueByToken().keySet().iterator().next();

            long collectedBeforeStop = load.acknowledged.size();
            long readBeforeStop = load.readsAcknowledged.get();
            long failedBeforeStop = load.failures();
            pg.close();
            long failedCollections = load.collectionsFailed.get();
            long failedReads = load.readsFailed.get();
            await("requests failing while PostgreSQL is down", () -> load.collectionsFailed.get() > failedCollections
                    && load.readsFailed.get() > failedReads);
            HttpResponse<String> whileDown = vault.send("POST", "/v1/detokenize", "dev-logistics-key",
                    Map.of("tokens", List.of(knownToken), "purpose", "delivery"));
            assertThat(whileDown.statusCode()).as(whileDown.body()).isEqualTo(503);
            assertThat(whileDown.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(whileDown.body()).doesNotContain(known.valueByToken().get(knownToken));
            long collectedWhileDown = load.acknowledged.size() - collectedBeforeStop;
            long readWhileDown = load.readsAcknowledged.get() - readBeforeStop;
            long failedWhileDown = load.failures() - failedBeforeStop;

            pg = durablePostgres(data, pgPort);
            Instant restarted = Instant.now();
            await("the vault serving again", () -> {
                try {
                    return vault.send("POST", "/v1/detokenize", "dev-logistics-key", Map.of("tokens",
                            List.of(knownToken), "purpose", "delivery")).statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
            Duration recovery = Duration.between(restarted, Instant.now());
            long collectedAtRecovery = load.acknowledged.size();
            long readAtRecovery = load.readsAcknowledged.get();
            await("load acknowledged after the restart", () -> load.acknowledged.size() >= collectedAtRecovery + 50
                    && load.readsAcknowledged.get() >= readAtRecovery + 50);
            load.stop();

            Map<String, Long> readsByToken = new LinkedHashMap<>();
            load.readsByToken.forEach((token, n) -> readsByToken.put(token, n.sum()));
            long readsWithoutEvent = HalfApplied.readsWithoutAccessEvent(jdbc, readsByToken);
            Map<String, Long> halfApplied = HalfApplied.count(jdbc);
            long collectionsFound = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry"
                    + " WHERE payload_type LIKE '%.PersonalDataCollected'", Long.class);
            List<String> unreadable = ClientLoad.unreadable(vault, List.copyOf(load.acknowledged));

            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("collections acknowledged", load.acknowledged.size());
            counts.put("collections acknowledged before the stop", collectedBeforeStop);
            counts.put("collections acknowledged while down (committed before the stop)", collectedWhileDown);
            counts.put("collections failed", load.collectionsFailed.get());
            counts.put("collections found after restart", collectionsFound);
            counts.put("acknowledged tokens unreadable after restart", unreadable.size());
            counts.put("detokenizations acknowledged", load.readsAcknowledged.get());
            counts.put("detokenizations acknowledged while down (committed before the stop)", readWhileDown);
            counts.put("detokenizations failed", load.readsFailed.get());
            counts.put("failures while down", failedWhileDown);
            counts.put("acknowledged token reads without an access event", readsWithoutEvent);
            counts.put("failed answers carrying plaintext", load.failuresWithPlaintext.get());
            counts.put("failed answers that were not problems", load.failuresNotProblems.get());
            counts.put("failures", load.failureKinds());
            counts.put("seconds from PostgreSQL up to the vault serving", recovery.toMillis() / 1000.0);
            counts.putAll(halfApplied);
            counts.forEach((k, v) -> report.publishEntry(k, String.valueOf(v)));
            System.out.println("PostgresRestartIT counts: " + counts);

            assertThat(unreadable).as("acknowledged tokens that do not open to the value sent").isEmpty();
            assertThat(collectionsFound).isGreaterThanOrEqualTo(load.acknowledged.size());
            assertThat(readsWithoutEvent).as("acknowledged reads without their access event").isZero();
            assertThat(load.readsWrong.get()).isZero();
            assertThat(load.failuresWithPlaintext.get()).as("failed answers carrying plaintext").isZero();
            assertThat(load.failuresNotProblems.get()).as("failed answers that were not problems").isZero();
            assertThat(halfApplied).as("half-applied").allSatisfy((what, n) -> assertThat(n).as(what).isZero());
            assertThat(failedWhileDown).isPositive();
            assertThat(load.failureKinds()).as("every failure an answer of 503, none a dropped connection")
                    .allSatisfy((kind, n) -> assertThat(kind).startsWith("503 "));
        } finally {
            pg.close();
        }
    }

    /** A PostgreSQL of the test's own with the durability the vault insists on (zonky's default is fsync off). */
    private static EmbeddedPostgres durablePostgres(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).setPort(port)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60)).start();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(180);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 180 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
