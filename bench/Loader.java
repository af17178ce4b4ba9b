// Loads benchmark data into a running vault through its HTTP API (run as a single-file program:
//   java bench/Loader.java BASE_URL SUBJECTS CONCURRENCY OUT_DIR
// For each subject: register it, collect one `order` record for `delivery` (4 tokens) and one `device`
// record for `product_display` (so that the subject's account data key exists before the collect workload).
// Writes OUT_DIR/subjects.txt (one subject id a line), OUT_DIR/tokens.txt (the consignee_name tokens) and
// OUT_DIR/tokens-all.txt (all four order tokens). Any non-2xx answer stops the load with a non-zero exit.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Loader {

    private static final String COLLECTOR = "Bearer dev-collector-key";
    private static final Pattern SUBJECT = Pattern.compile("\"subjectId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"([a-z_]+)\"\\s*:\\s*\"(tok_[0-9a-z]+)\"");

    private static HttpClient client;
    private static String base;

    record Loaded(String subject, List<String> orderTokens, String consigneeToken) {
    }

    public static void main(String[] args) throws Exception {
        base = args[0];
        int subjects = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger done = new AtomicInteger();
        List<Future<Loaded>> futures = new ArrayList<>(subjects);
        for (int i = 0; i < subjects; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                Loaded l = loadOne(n);
                int d = done.incrementAndGet();
                if (d % 500 == 0) {
                    System.err.printf("  loaded %d/%d subjects%n", d, subjects);
                }
                return l;
            }));
        }
        List<String> subjectLines = new ArrayList<>();
        List<String> consignee = new ArrayList<>();
        List<String> all = new ArrayList<>();
        try {
            for (Future<Loaded> f : futures) {
                Loaded l = f.get();
                subjectLines.add(l.subject());
                consignee.add(l.consigneeToken());
                all.addAll(l.orderTokens());
            }
        } finally {
            pool.shutdownNow();
        }
        Files.write(out.resolve("subjects.txt"), subjectLines);
        Files.write(out.resolve("tokens.txt"), consignee);
        Files.write(out.resolve("tokens-all.txt"), all);
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("LOADED subjects=%d records=%d tokens=%d seconds=%.1f requests_per_s=%.0f%n",
                subjects, subjects * 2, subjects * 9, secs, subjects * 3 / secs);
    }

    private static Loaded loadOne(int n) throws Exception {
        String subject = match(SUBJECT, post("/v1/subjects", "{\"region\":\"CN\"}", 201));
        String order = post("/v1/subjects/" + subject + "/records",
                "{\"category\":\"order\",\"purpose\":\"delivery\",\"source\":\"subject\",\"fields\":{"
                        + "\"consignee_name\":\"Consignee " + n + "\","
                        + "\"address\":\"" + (n % 400 + 1) + " Chang An Avenue, Dongcheng District, Beijing\","
                        + "\"postal_code\":\"100000\","
                        + "\"consignee_phone\":\"+86 138 0013 " + String.format("%04d", n % 10000) + "\"}}", 201);
        List<String> tokens = new ArrayList<>();
        String consignee = null;
        Matcher m = TOKEN.matcher(order);
        while (m.find()) {
            tokens.add(m.group(2));
            if (m.group(1).equals("consignee_name")) {
                consignee = m.group(2);
            }
        }
        if (consignee == null || tokens.size() != 4) {
            throw new IllegalStateException("unexpected collect answer: " + order);
        }
        post("/v1/subjects/" + subject + "/records",
                "{\"category\":\"device\",\"purpose\":\"product_display\",\"source\":\"subject\",\"fields\":{"
                        + "\"device_model\":\"Model " + (n % 50) + "\",\"os_version\":\"Android 15\","
                        + "\"device_settings\":\"lang=zh-CN;tz=Asia/Shanghai\","
                        + "\"device_identifier\":\"dev-" + n + "\",\"hardware_id\":\"hw-" + n + "\"}}", 201);
        return new Loaded(subject, tokens, consignee);
    }

    private static String post(String path, String body, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", COLLECTOR)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + s);
        }
        return m.group(1);
    }
}
