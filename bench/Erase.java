// The erasure workload of bench/run (run as a single-file program):
//   java bench/Erase.java BASE_URL SUBJECTS_FILE COUNT CONCURRENCY
// Erases the last COUNT subjects of SUBJECTS_FILE (one id a line) with DELETE /v1/subjects/{id} as the
// development privacy officer, CONCURRENCY at a time, each subject once, and prints one result line:
//   erase count=N errors=E seconds=S rate=R p50_ms=A p90_ms=B p99_ms=C max_ms=D
// A request counts as an error unless it answers 200 (erasure complete: keys destroyed, tombstone written) or
// 202 (complete but for records kept by retention or a legal hold). Latency is from sending to the full answer.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

public class Erase {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String> all = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).toList();
        int count = Math.min(Integer.parseInt(args[2]), all.size());
        int concurrency = Integer.parseInt(args[3]);
        List<String> subjects = all.subList(all.size() - count, all.size());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long[] nanos = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/subjects/" + subjects.get(i)))
                            .header("Authorization", "Bearer dev-privacy-officer-key").DELETE()
                            .timeout(Duration.ofSeconds(30)).build();
                    long t0 = System.nanoTime();
                    try {
                        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 200 && status != 202) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    nanos[i] = System.nanoTime() - t0;
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("erase count=%d errors=%d seconds=%.2f rate=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f"
                        + " max_ms=%.2f%n", count, errors.get(), seconds, count / seconds, ms(sorted, 0.50),
                ms(sorted, 0.90), ms(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
