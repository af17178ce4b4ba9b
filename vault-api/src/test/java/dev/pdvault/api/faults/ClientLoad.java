package dev.pdvault.api.faults;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Client threads against one vault: collectors send order records with values unique to each record, readers
 * detokenize two tokens of a random acknowledged record. It keeps what the vault acknowledged (a 201 with tokens,
 * a 200 with values) and what failed and how, so a test can check, after a fault, that every acknowledged
 * write is there and that no failure carried plaintext.
 */
final class ClientLoad {

    static final String POSTAL_CODE = "100022";
    static final String PHONE = "+86 139 1234 5678";

    /** An acknowledged collection: the value sent for each token the vault answered with. */
    record Collection(String subject, Map<String, String> valueByToken) {
    }

    private final VaultProcess vault;
    private final List<String> subjects;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 20) * 1000);
    private volatile boolean running;

    final List<Collection> acknowledged = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong collectionsFailed = new AtomicLong();
    final AtomicLong readsAcknowledged = new AtomicLong();
    final AtomicLong readsFailed = new AtomicLong();
    /** Acknowledged reads whose values differed from what was collected. */
    final AtomicLong readsWrong = new AtomicLong();
    /** Failed answers (not 2xx) whose body held a value of the request. */
    final AtomicLong failuresWithPlaintext = new AtomicLong();
    /** Failed answers that were not an RFC 9457 problem. */
    final AtomicLong failuresNotProblems = new AtomicLong();
    final Map<String, LongAdder> readsByToken = new ConcurrentHashMap<>();
    /** How requests failed: "503 access-not-recorded", "IOException", ... */
    final Map<String, LongAdder> failureKinds = new ConcurrentHashMap<>();

    ClientLoad(VaultProcess vault, List<String> subjects) {
        this.vault = vault;
        this.subjects = List.copyOf(subjects);
    }

    /** Registers {@code count} subjects in region CN. */
    static List<String> register(VaultProcess vault, int count) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> r = vault.send("POST", "/v1/subjects", "dev-collector-key", Map.of("region", "CN"));
            if (r.statusCode() != 201) {
                throw new AssertionError("registration answered " + r.statusCode() + ": " + r.body());
            }
            subjects.add(VaultProcess.JSON.readTree(r.body()).get("subjectId").asText());
        }
        return subjects;
    }

    void start(int collectors, int readers) {
        running = true;
        for (int i = 0; i < collectors; i++) {
            threads.add(new Thread(this::collectUntilStopped, "collector-" + i));
        }
        for (int i = 0; i < readers; i++) {
            threads.add(new Thread(this::readUntilStopped, "reader-" + i));
        }
        threads.forEach(Thread::start);
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(120_000);
        }
    }

    long failures() {
        return collectionsFailed.get() + readsFailed.get();
    }

    Map<String, Long> failureKinds() {
        Map<String, Long> out = new TreeMap<>();
        failureKinds.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private void collectUntilStopped() {
        while (running) {
            long n = sequence.incrementAndGet();
            String name = "Li Na " + n;
            String address = n + " Nanjing Road, Shanghai";
            Map<String, String> fields = Map.of("consignee_name", name, "address", address,
                    "postal_code", POSTAL_CODE, "consignee_phone", PHONE);
            String subject = subjects.get((int) (n % subjects.size()));
            try {
                HttpResponse<String> r = vault.send("POST", "/v1/subjects/" + subject + "/records",
                        "dev-collector-key", Map.of("category", "order", "purpose", "delivery", "source", "subject",
                                "fields", fields));
                if (r.statusCode() == 201) {
                    Map<String, String> valueByToken = new LinkedHashMap<>();
                    VaultProcess.JSON.readTree(r.body()).get("tokens").fields().forEachRemaining(
                            e -> valueByToken.put(e.getValue().asText(), fields.get(e.getKey())));
                    acknowledged.add(new Collection(subject, valueByToken));
                } else {
                    collectionsFailed.incrementAndGet();
                    failed(r, List.of(name, address));
                }
            } catch (IOException | RuntimeException e) {
                collectionsFailed.incrementAndGet();
                failureKinds.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                pause();
            } catch (Exception e) {
                collectionsFailed.incrementAndGet();
                failureKinds.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                return;
            }
        }
    }

    private void readUntilStopped() {
        while (running) {
            Collection collection;
            synchronized (acknowledged) {
                if (acknowledged.isEmpty()) {
                    collection = null;
                } else {
                    collection = acknowledged.get(ThreadLocalRandom.current().nextInt(acknowledged.size()));
                }
            }
            if (collection == null) {
                pause();
                continue;
            }
            List<String> tokens = collection.valueByToken().keySet().stream().limit(2).toList();
            try {
                HttpResponse<String> r = vault.send("POST", "/v1/detokenize", "dev-logistics-key",
                        Map.of("tokens", tokens, "purpose", "delivery"));
                if (r.statusCode() == 200) {
                    readsAcknowledged.incrementAndGet();
                    JsonNode values = VaultProcess.JSON.readTree(r.body()).get("values");
                    for (String token : tokens) {
                        readsByToken.computeIfAbsent(token, k -> new LongAdder()).increment();
                        if (!collection.valueByToken().get(token).equals(values.path(token).asText())) {
                            readsWrong.incrementAndGet();
                        }
                    }
                } else {
                    readsFailed.incrementAndGet();
                    failed(r, tokens.stream().map(collection.valueByToken()::get).toList());
                }
            } catch (IOException | RuntimeException e) {
                readsFailed.incrementAndGet();
                failureKinds.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                pause();
            } catch (Exception e) {
                readsFailed.incrementAndGet();
                failureKinds.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                return;
            }
        }
    }

    private void failed(HttpResponse<String> r, List<String> values) {
        String type = "";
        try {
            type = VaultProcess.JSON.readTree(r.body()).path("type").asText("");
        } catch (IOException notJson) {
            // counted below
        }
        boolean problem = r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
        if (!problem) {
            failuresNotProblems.incrementAndGet();
        }
        failureKinds.computeIfAbsent(r.statusCode() + " " + type.substring(type.lastIndexOf('/') + 1),
                k -> new LongAdder()).increment();
        if (values.stream().anyMatch(r.body()::contains)) {
            failuresWithPlaintext.incrementAndGet();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Each acknowledged collection's tokens, detokenized now in chunks, against the values sent; the misses. */
    static List<String> unreadable(VaultProcess vault, List<Collection> collections) throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        collections.forEach(c -> expected.putAll(c.valueByToken()));
        List<String> tokens = new ArrayList<>(expected.keySet());
        List<String> misses = new ArrayList<>();
        for (int from = 0; from < tokens.size(); from += 500) {
            List<String> chunk = tokens.subList(from, Math.min(tokens.size(), from + 500));
            HttpResponse<String> read = vault.send("POST", "/v1/detokenize", "dev-logistics-key",
                    Map.of("tokens", chunk, "purpose", "delivery"));
            if (read.statusCode() != 200) {
                throw new AssertionError("reading back acknowledged tokens answered " + read.statusCode() + ": "
                        + read.body());
            }
            JsonNode values = VaultProcess.JSON.readTree(read.body()).get("values");
            for (String token : chunk) {
                if (!expected.get(token).equals(values.path(token).asText())) {
                    misses.add(token);
                }
            }
        }
        return misses;
    }
}
