package dev.pdvault.api.packaging;

import dev.pdvault.api.TestDatabase;
import dev.pdvault.client.CollectRecord;
import dev.pdvault.client.Collected;
import dev.pdvault.client.DataErasedException;
import dev.pdvault.client.SubjectId;
import dev.pdvault.client.Token;
import dev.pdvault.client.VaultClient;
import dev.pdvault.client.example.ReadmeExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one runnable jar, started twice by {@code examples/several-nodes.sh} on one PostgreSQL schema with one KEK:
 * the client README's example runs against the second node, data collected through one node opens through the
 * other, and an erasure through one node holds on the other at once.
 */
class SeveralNodesIT {

    private static final Path SCRIPT = Path.of("../examples/several-nodes.sh");

    @TempDir
    Path home;

    @Test
    void twoNodesFromTheJarShareOnePostgresqlAndAnErasureOnOneHoldsOnTheOther() throws Exception {
        String schema = "nodes_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        TestDatabase.execute("CREATE SCHEMA " + schema);
        int firstPort = twoFreePorts();
        ProcessBuilder script = new ProcessBuilder("bash", SCRIPT.toString(), "2")
                .redirectErrorStream(true).redirectOutput(home.resolve("script.log").toFile());
        script.environment().putAll(Map.of(
                "VAULT_JAR", runnableJar().toString(),
                "DB_URL", TestDatabase.BASE_URL + "?currentSchema=" + schema,
                "DB_USER", TestDatabase.USER,
                "KEK_FILE", home.resolve("kek.json").toString(),
                "FIRST_PORT", Integer.toString(firstPort),
                "LOG_DIR", home.toString(),
                "READY_TIMEOUT", "300",
                "JAVA_OPTS", "-Xmx512m -Daxoniq.update-checker.disabled=true",
                "VAULT_ARGS", "--spring.flyway.schemas=" + schema + " --logging.level.root=WARN"));
        Process nodes = script.start();
        try {
            awaitAllReady(nodes);
            URI first = URI.create("http://localhost:" + firstPort);
            URI second = URI.create("http://localhost:" + (firstPort + 1));

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            ReadmeExample.run(second, new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(printed.toString(StandardCharsets.UTF_8).lines().skip(1).toList()).containsExactly(
                    "deliver to Li Na", "label: Li Na, 7 Rabbit Hole Lane, 100022", "refused: purpose-not-granted",
                    "erasure: ERASED_RETAINING", "after the erasure: data-erased");

            VaultClient collectorOnFirst = VaultClient.builder(first).apiKey("dev-collector-key").build();
            VaultClient logisticsOnSecond = VaultClient.builder(second).apiKey("dev-logistics-key").build();
            VaultClient logisticsOnFirst = VaultClient.builder(first).apiKey("dev-logistics-key").build();
            SubjectId subject = collectorOnFirst.registerSubject("CN");
            Collected order = collectorOnFirst.collect(subject, new CollectRecord("order", "delivery", "subject",
                    Map.of("consignee_name", "Node Two Reader", "postal_code", "100022")));
            Token name = order.token("consignee_name");
            assertThat(logisticsOnSecond.detokenize("delivery", name)).isEqualTo("Node Two Reader");
            assertThat(logisticsOnFirst.detokenize("delivery", name)).isEqualTo("Node Two Reader");

            VaultClient.builder(first).apiKey("dev-privacy-officer-key").build().erase(subject);

            assertThatThrownBy(() -> logisticsOnSecond.detokenize("delivery", name))
                    .isInstanceOf(DataErasedException.class);
            assertThat(VaultClient.builder(second).apiKey("dev-auditor-key").build().erasureReceipt(subject)
                    .complete()).isTrue();
        } finally {
            stop(nodes);
            TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private void awaitAllReady(Process nodes) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(600);
        Path log = home.resolve("script.log");
        while (Instant.now().isBefore(deadline)) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            if (output.contains("all 2 nodes ready")) {
                return;
            }
            assertThat(nodes.isAlive()).as("the script runs: " + output + nodeLogs()).isTrue();
            Thread.sleep(500);
        }
        throw new AssertionError("the nodes were not ready in 600 s: " + Files.readString(log) + nodeLogs());
    }

    private String nodeLogs() throws IOException {
        StringBuilder logs = new StringBuilder();
        for (String node : List.of("node-1.log", "node-2.log")) {
            Path file = home.resolve(node);
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                logs.append("\n--- ").append(node).append(" (tail)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
        }
        return logs.toString();
    }

    /** The script stops its nodes on TERM; a node still alive a minute after that is killed, and fails the test. */
    private static void stop(Process nodes) throws InterruptedException {
        List<ProcessHandle> started = nodes.descendants().toList();
        nodes.destroy();
        if (!nodes.waitFor(90, TimeUnit.SECONDS)) {
            nodes.destroyForcibly().waitFor();
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (started.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        List<ProcessHandle> leftOver = started.stream().filter(ProcessHandle::isAlive).toList();
        leftOver.forEach(ProcessHandle::destroyForcibly);
        assertThat(leftOver).as("nodes the script left running").isEmpty();
    }

    private static Path runnableJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("vault-api-[0-9][^-]*(-SNAPSHOT)?\\.jar"))
                    .findFirst().map(Path::toAbsolutePath)
                    .orElseThrow(() -> new AssertionError("no runnable jar in target: run the package phase"));
        }
    }

    private static int twoFreePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            try (ServerSocket a = new ServerSocket(port); ServerSocket b = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another pair
            }
        }
        throw new IOException("no two free consecutive ports");
    }
}
