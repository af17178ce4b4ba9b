package dev.pdvault.api.faults;

import dev.pdvault.api.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two vault nodes on one schema. Detokenization loops on both nodes (most on node B, whose key cache is warm)
 * race an erasure acknowledged by node A: no request that started after the acknowledgement returns plaintext,
 * on either node.
 */
class TwoNodeErasureRaceIT {

    private static final int ROUNDS = 5;
    private static final int READERS_ON_B = 3;
    private static final int READERS_ON_A = 1;

    @TempDir
    Path home;

    /** One detokenization as a reader saw it, with its start and end on this JVM's monotonic clock. */
    private record Read(String node, long started, long ended, int status, boolean plaintext) {
    }

    @Test
    void noNodeReturnsPlaintextForARequestStartedAfterTheErasureWasAcknowledged(TestReporter report)
            throws Exception {
        String schema = "two_nodes_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        TestDatabase.execute("CREATE SCHEMA " + schema);
        try (VaultProcess a = VaultProcess.start("node-a", TestDatabase.BASE_URL, TestDatabase.USER, schema,
                home.resolve("kek.json"));
             VaultProcess b = VaultProcess.start("node-b", TestDatabase.BASE_URL, TestDatabase.USER, schema,
                     home.resolve("kek.json"))) {
            Map<String, Object> counts = new LinkedHashMap<>();
            long startedAfter = 0;
            long plaintextAfter = 0;
            long plaintextBefore = 0;
            long overlapping = 0;
            Map<String, Long> statusesAfter = new TreeMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                String subject = ClientLoad.register(a, 1).get(0);
                String name = "Race Name " + round + "-" + ThreadLocalRandom.current().nextLong(1L << 40);
                String address = round + " Race Road " + ThreadLocalRandom.current().nextLong(1L << 40);
                HttpResponse<String> collected = a.send("POST", "/v1/subjects/" + subject + "/records",
                        "dev-collector-key", Map.of("category", "order", "purpose", "delivery", "source", "subject",
                                "fields", Map.of("consignee_name", name, "address", address)));
                assertThat(collected.statusCode()).as(collected.body()).isEqualTo(201);
                List<String> tokens = new ArrayList<>();
                VaultProcess.JSON.readTree(collected.body()).get("tokens").forEach(t -> tokens.add(t.asText()));

                ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
                List<Thread> readers = new ArrayList<>();
                AtomicBoolean running = new AtomicBoolean(true);
                for (int i = 0; i < READERS_ON_B + READERS_ON_A; i++) {
                    VaultProcess node = i < READERS_ON_B ? b : a;
                    String nodeName = i < READERS_ON_B ? "B" : "A";
                    Thread t = new Thread(() -> {
                        while (running.get()) {
                            long started = System.nanoTime();
                            try {
                                HttpResponse<String> r = node.send("POST", "/v1/detokenize", "dev-logistics-key",
                                        Map.of("tokens", tokens, "purpose", "delivery"));
                                reads.add(new Read(nodeName, started, System.nanoTime(), r.statusCode(),
                                        r.body().contains(name) || r.body().contains(address)));
                            } catch (Exception e) {
                                reads.add(new Read(nodeName, started, System.nanoTime(), -1, false));
                            }
                        }
                    }, "reader-" + nodeName + "-" + i);
                    readers.add(t);
                    t.start();
                }
                await(() -> reads.stream().filter(r -> r.node().equals("B") && r.plaintext()).count() >= 10);

                HttpResponse<String> erased = a.send("DELETE", "/v1/subjects/" + subject, "dev-privacy-officer-key",
                        null);
                long acknowledged = System.nanoTime();
                assertThat(erased.statusCode()).as("erasure complete when acknowledged: " + erased.body())
                        .isEqualTo(200);
                await(() -> reads.stream().filter(r -> r.started() > acknowledged && r.node().equals("B")).count()
                        >= 20 && reads.stream().anyMatch(r -> r.started() > acknowledged && r.node().equals("A")));
                running.set(false);
                for (Thread t : readers) {
                    t.join(120_000);
                }

                for (Read r : reads) {
                    if (r.started() > acknowledged) {
                        startedAfter++;
                        statusesAfter.merge(r.node() + " " + r.status(), 1L, Long::sum);
                        if (r.plaintext() || r.status() == 200) {
                            plaintextAfter++;
                        }
                    } else if (r.plaintext()) {
                        plaintextBefore++;
                        if (r.ended() > acknowledged) {
                            overlapping++;
                        }
                    }
                }
            }
            counts.put("erasures acknowledged by node A", ROUNDS);
            counts.put("reads started before the acknowledgement that returned plaintext", plaintextBefore);
            counts.put("of those, answered after the acknowledgement (in flight when it came)", overlapping);
            counts.put("reads started after the acknowledgement", startedAfter);
            counts.put("answers to them by node and status", statusesAfter);
            counts.put("reads started after the acknowledgement that returned plaintext", plaintextAfter);
            counts.forEach((k, v) -> report.publishEntry(k, String.valueOf(v)));
            System.out.println("TwoNodeErasureRaceIT counts: " + counts);

            assertThat(plaintextAfter).as("plaintext after the acknowledgement, any node").isZero();
            assertThat(statusesAfter).as("every later read on either node answered 410 data-erased")
                    .allSatisfy((nodeAndStatus, n) -> assertThat(nodeAndStatus).endsWith(" 410"));
            assertThat(plaintextBefore).as("the readers raced a live subject").isPositive();
        } finally {
            TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 120 s");
            }
            Thread.sleep(20);
        }
    }
}
