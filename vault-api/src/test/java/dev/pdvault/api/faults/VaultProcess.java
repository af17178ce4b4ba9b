package dev.pdvault.api.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.VaultApplication;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A vault in a JVM of its own, on a database and schema the test names, so the test can kill it with SIGKILL
 * ({@link #kill}) or run two of them on one schema. Its output goes to {@code target/fault-logs}, kept after the
 * run for a failure to be read. Its pool holds at most 10 connections: the machine's PostgreSQL is shared.
 */
final class VaultProcess implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final Process process;
    final int port;
    final Path log;

    private VaultProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a vault and waits (up to three minutes, the machine is shared) until it reports healthy. */
    static VaultProcess start(String name, String jdbcUrl, String user, String schema, Path kekFile,
                              String... settings) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daxoniq.update-checker.disabled=true", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), VaultApplication.class.getName(),
                "--server.port=" + port,
                "--vault.embedded-postgres.enabled=false",
                "--spring.datasource.url=" + jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "--spring.datasource.username=" + user,
                "--spring.flyway.schemas=" + schema,
                "--vault.kek.local-keyset-file=" + kekFile,
                "--spring.datasource.hikari.maximum-pool-size=10", "--spring.datasource.hikari.minimum-idle=2",
                "--logging.level.root=WARN", "--logging.level.dev.pdvault=INFO"));
        command.addAll(List.of(settings));
        Path logs = Path.of("target", "fault-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(name + "-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        VaultProcess vault = new VaultProcess(process, port, log);
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the vault " + name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (vault.send("GET", "/actuator/health", null, null).statusCode() == 200) {
                    return vault;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        vault.kill();
        throw new AssertionError("the vault " + name + " did not start in 180 s; see " + log);
    }

    HttpResponse<String> send(String method, String path, String key, Object body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .timeout(Duration.ofSeconds(60));
        if (key != null) {
            r.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no flush, in-flight transactions abandoned. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
