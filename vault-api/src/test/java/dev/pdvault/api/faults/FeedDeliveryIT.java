package dev.pdvault.api.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.pdvault.api.PlaintextScanner;
import dev.pdvault.api.TestDatabase;
import dev.pdvault.api.VaultApplication;
import dev.pdvault.api.policy.CatalogueLoader;
import dev.pdvault.domain.policy.Catalogue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery of the event feed over RabbitMQ (127.0.0.1:5672) by vault JVMs of their own: through a broker outage,
 * and by two nodes sharing the processor's segments, one of which is killed. In both, every feed message the
 * vault owes arrives in its recipient's queue, once per recipient after deduplication by message id, and no
 * body or header carries a planted value; each recipient's HTTP feed pages through the same message ids.
 */
class FeedDeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration PATIENCE = Duration.ofSeconds(240);
    private static final int SEGMENTS = 4;
    private static final Catalogue CATALOGUE = catalogue();

    @TempDir
    Path home;

    private String schema;
    private String exchange;
    private String prefix;
    private JdbcTemplate jdbc;
    private final List<Vault> vaults = new ArrayList<>();
    private final List<String> planted = new ArrayList<>();
    private final Set<String> subjects = new HashSet<>();

    private final class Vault implements AutoCloseable {
        final Process process;
        final int port;

        Vault() throws Exception {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Daxoniq.update-checker.disabled=true", "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), VaultApplication.class.getName(),
                    "--server.port=" + port,
                    "--vault.embedded-postgres.enabled=false",
                    "--spring.datasource.url=" + TestDatabase.BASE_URL + "?currentSchema=" + schema,
                    "--spring.datasource.username=" + TestDatabase.USER,
                    "--spring.flyway.schemas=" + schema,
                    "--vault.kek.local-keyset-file=" + home.resolve("kek.json"),
                    "--vault.feed.amqp.enabled=true",
                    "--vault.feed.amqp.exchange=" + exchange,
                    "--vault.feed.amqp.queue-prefix=" + prefix,
                    "--vault.feed.amqp.segments=" + SEGMENTS,
                    "--logging.level.root=WARN", "--logging.level.dev.pdvault=INFO");
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("vault-" + port + ".log").toFile()).start();
            vaults.add(this);
            Instant deadline = Instant.now().plusSeconds(180);
            while (Instant.now().isBefore(deadline)) {
                assertThat(process.isAlive()).as("the vault started").isTrue();
                try {
                    if (send("GET", "/actuator/health", null, null).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the vault did not start in 180 s");
        }

        /** The token store's owner name of this JVM (Axon's default node id). */
        String owner() {
            return process.pid() + "@";
        }

        HttpResponse<String> send(String method, String path, String key, Object body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .timeout(Duration.ofSeconds(60));
            if (key != null) {
                request.header("Authorization", "Bearer " + key).header("Content-Type", "application/json");
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode ok(String method, String path, String key, Object body) throws Exception {
            HttpResponse<String> response = send(method, path, key, body);
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @BeforeEach
    void freshSchemaAndExchange() {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        schema = "feed_" + run;
        exchange = "it.feed." + run;
        prefix = "it.feed." + run + ".";
        TestDatabase.execute("CREATE SCHEMA " + schema);
        jdbc = new JdbcTemplate(new DriverManagerDataSource(TestDatabase.BASE_URL + "?currentSchema=" + schema,
                TestDatabase.USER, ""));
    }

    @AfterEach
    void leaveNothingBehind() throws Exception {
        for (Vault vault : vaults) {
            vault.close();
        }
        broker("start_app");
        try (Connection connection = rabbit().newConnection(); Channel channel = connection.createChannel()) {
            for (String queue : queues()) {
                channel.queueDelete(queue);
            }
            channel.exchangeDelete(exchange);
        }
        TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** A subject's life that owes feed messages to services and to the recipient sf-express. */
    private void aSubjectsLife(Vault vault) throws Exception {
        String name = "feed-name-" + ThreadLocalRandom.current().nextLong(1L << 40);
        String address = "feed-address-" + ThreadLocalRandom.current().nextLong(1L << 40);
        String corrected = "feed-corrected-" + ThreadLocalRandom.current().nextLong(1L << 40);
        planted.addAll(List.of(name, address, corrected));
        String subject = vault.ok("POST", "/v1/subjects", "dev-collector-key", Map.of("region", "CN"))
                .get("subjectId").asText();
        subjects.add(subject);
        JsonNode tokens = vault.ok("POST", "/v1/subjects/" + subject + "/records", "dev-collector-key",
                Map.of("category", "order", "purpose", "delivery", "source", "subject",
                        "fields", Map.of("consignee_name", name, "address", address, "postal_code", "100022")))
                .get("tokens");
        vault.ok("POST", "/v1/shares", "dev-order-service-key", Map.of("recipient", "sf-express",
                "purpose", "delivery", "tokens", List.of(tokens.get("consignee_name").asText())));
        vault.ok("PUT", "/v1/tokens/" + tokens.get("consignee_name").asText(), "dev-collector-key",
                Map.of("value", corrected));
        vault.ok("DELETE", "/v1/subjects/" + subject, "dev-privacy-officer-key", null);
    }

    /** The feed the vault owes, once its HTTP feed holds every subject's erasure: message id → recipient. */
    private Map<String, String> owed() throws InterruptedException {
        await("the HTTP feed holds every erasure", () -> jdbc.queryForObject("SELECT count(DISTINCT subject_id)"
                + " FROM feed_entry WHERE type = 'ERASED' AND recipient = 'sf-express'", Integer.class)
                == subjects.size());
        Map<String, String> owed = new HashMap<>();
        jdbc.query("SELECT message_id::text, recipient FROM feed_entry", rs -> {
            owed.put(rs.getString(1), rs.getString(2));
        });
        assertThat(owed.size()).as("each life owes messages to several recipients").isGreaterThan(subjects.size() * 10);
        return owed;
    }

    private List<String> queues() {
        List<String> recipients = new ArrayList<>(List.of("dev-logistics", "dev-payment", "dev-customer-service",
                "dev-marketing", "dev-order-service", "dev-verifier", "dev-legal", "dev-overseas-support"));
        CATALOGUE.recipients().keySet().forEach(r -> recipients.add(r.name()));
        return recipients.stream().map(r -> prefix + r).toList();
    }

    /** Drains every recipient's queue until all owed messages arrived; asserts what each message may carry. */
    private Map<String, String> everyOwedMessageArrivesOncePerRecipient(Map<String, String> owed) throws Exception {
        Map<String, String> received = new HashMap<>();
        int deliveries = 0;
        Instant deadline = Instant.now().plus(PATIENCE);
        try (Connection connection = rabbit().newConnection()) {
            Channel channel = connection.createChannel();
            while (!received.keySet().containsAll(owed.keySet()) && Instant.now().isBefore(deadline)) {
                boolean any = false;
                for (String queue : queues()) {
                    String recipient = queue.substring(prefix.length());
                    if (!declared(connection, queue)) {
                        continue; // the vault declares its queues when it connects again after the outage
                    }
                    for (GetResponse got = channel.basicGet(queue, true); got != null;
                         got = channel.basicGet(queue, true)) {
                        any = true;
                        deliveries++;
                        String body = new String(got.getBody(), StandardCharsets.UTF_8);
                        JsonNode message = JSON.readTree(body);
                        String id = got.getProps().getMessageId();
                        assertThat(message.get("id").asText()).isEqualTo(id);
                        assertThat(message.get("recipient").asText()).as("only its own").isEqualTo(recipient);
                        assertThat(owed.get(id)).as("a message the vault owes to " + recipient).isEqualTo(recipient);
                        assertThat(PlaintextScanner.findInText(body + got.getProps() + got.getEnvelope(), planted))
                                .as("no planted value in a body or header").isEmpty();
                        String earlier = received.putIfAbsent(id, recipient);
                        assertThat(earlier == null || earlier.equals(recipient)).as("one id, one recipient").isTrue();
                    }
                }
                if (!any) {
                    Thread.sleep(500);
                }
            }
        }
        System.out.printf("feed: %d messages owed, %d deliveries, %d distinct received%n", owed.size(), deliveries,
                received.size());
        assertThat(received).as("every owed message, once per recipient after deduplication (" + deliveries
                + " deliveries)").isEqualTo(owed);
        return received;
    }

    /** Whether the queue exists yet, asked on a channel of its own (a missing queue closes the channel asking). */
    private static boolean declared(Connection connection, String queue) throws Exception {
        Channel probe = connection.createChannel();
        try {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (java.io.IOException missing) {
            return false;
        } finally {
            if (probe.isOpen()) {
                probe.close();
            }
        }
    }

    /** Each readable recipient's HTTP feed, paged 7 at a time, holds exactly the ids its queue delivered. */
    private static void theHttpFeedPagesThroughTheSameMessages(Vault vault, Map<String, String> delivered)
            throws Exception {
        Map<String, String> readers = Map.of("dev-logistics", "dev-logistics-key", "dev-legal", "dev-legal-key",
                "dev-customer-service", "dev-customer-service-key", "dev-order-service", "dev-order-service-key",
                "dev-overseas-support", "dev-overseas-support-key", "dev-payment", "dev-payment-key",
                "sf-express", "dev-courier-key", "visa", "dev-bank-key");
        for (Map.Entry<String, String> reader : readers.entrySet()) {
            Set<String> paged = new HashSet<>();
            String cursor = "0";
            while (true) {
                JsonNode page = vault.ok("GET", "/v1/feed?after=" + cursor + "&limit=7", reader.getValue(), null);
                page.get("entries").forEach(e -> {
                    assertThat(e.get("recipient").asText()).isEqualTo(reader.getKey());
                    paged.add(e.get("id").asText());
                });
                if (page.get("entries").isEmpty()) {
                    break;
                }
                cursor = page.get("next").asText();
            }
            Set<String> queued = new HashSet<>();
            delivered.forEach((id, recipient) -> {
                if (recipient.equals(reader.getKey())) {
                    queued.add(id);
                }
            });
            assertThat(paged).as("the HTTP feed of " + reader.getKey()).isEqualTo(queued);
        }
    }

    private static Catalogue catalogue() {
        try (InputStream in = FeedDeliveryIT.class.getResourceAsStream("/policy/catalogue.yaml")) {
            return CatalogueLoader.load(in, "catalogue.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConnectionFactory rabbit() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory;
    }

    private static void broker(String command) throws Exception {
        Process p = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("rabbitmqctl " + command + ": " + output).isZero();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(250);
        }
    }

    private List<String> owners() {
        return jdbc.queryForList("SELECT coalesce(owner, '') FROM token_entry WHERE processor_name = 'feed-amqp'"
                + " ORDER BY segment", String.class);
    }

    @Test
    void whatHappensWhileTheBrokerIsDownIsDeliveredWhenItIsBack() throws Exception {
        Vault vault = new Vault();
        aSubjectsLife(vault);
        broker("stop_app");
        try {
            aSubjectsLife(vault);
            aSubjectsLife(vault);
            assertThat(vault.send("GET", "/actuator/health/readiness", null, null).statusCode())
                    .as("the vault stays ready without its broker").isEqualTo(200);
            owed();
        } finally {
            broker("start_app");
        }
        aSubjectsLife(vault);
        theHttpFeedPagesThroughTheSameMessages(vault, everyOwedMessageArrivesOncePerRecipient(owed()));
    }

    @Test
    void twoNodesShareTheSegmentsAndTheSurvivorTakesOverAKilledNodesSegments() throws Exception {
        Vault first = new Vault();
        Vault second = new Vault();
        await("both nodes hold segments", () -> {
            List<String> owners = owners();
            return owners.size() == SEGMENTS && owners.stream().anyMatch(o -> o.startsWith(first.owner()))
                    && owners.stream().anyMatch(o -> o.startsWith(second.owner()));
        });
        aSubjectsLife(first);
        aSubjectsLife(second);

        first.process.destroyForcibly().waitFor();
        aSubjectsLife(second);
        aSubjectsLife(second);
        await("the survivor holds every segment", () -> owners().stream().allMatch(o -> o.startsWith(second.owner())));
        theHttpFeedPagesThroughTheSameMessages(second, everyOwedMessageArrivesOncePerRecipient(owed()));
    }
}
