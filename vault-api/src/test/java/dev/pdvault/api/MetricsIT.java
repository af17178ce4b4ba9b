package dev.pdvault.api;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus metrics for collections, detokenizations by purpose and outcome, denials by reason, erasures, key
 * operations, the seal and request latency; no personal data; and the output passes {@code promtool check metrics}
 * (Debian's prometheus package, which .ci/run installs: the test fails, never skips, without it).
 */
class MetricsIT extends VaultIntegrationTest {

    @Test
    void metricsCountOutcomesAndCarryNoPersonalData() {
        String subject = register("CN");
        String name = plant("Metric Person");
        Map<String, String> tokens = collect(subject, "order", "delivery", Map.of("consignee_name", name));
        detokenize(LOGISTICS, "delivery", tokens.get("consignee_name"));
        detokenize(PAYMENT, "payment", tokens.get("consignee_name"));
        call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER, null);

        Response metrics = call("GET", "/actuator/prometheus", null, null);
        assertThat(metrics.status()).isEqualTo(200);
        String text = metrics.body();
        assertThat(text).contains("vault_collections_total{category=\"order\",outcome=\"collected\"}");
        assertThat(text).contains("vault_detokenizations_total{outcome=\"allowed\",purpose=\"delivery\"}");
        assertThat(text).contains(
                "vault_detokenizations_total{outcome=\"purpose_not_allowed_for_category\",purpose=\"payment\"}");
        assertThat(text).contains("vault_denials_total{reason=\"purpose_not_allowed_for_category\"}");
        assertThat(text).contains("vault_erasures_total{outcome=\"erased\"}");
        assertThat(text).contains("vault_detokenize_duration_seconds_bucket");
        assertThat(text).contains("vault_erasure_duration_seconds_count{outcome=\"erased\"}");
        assertThat(text).contains("vault_erasure_duration_seconds_bucket{outcome=\"erased\"");
        assertThat(text).contains("vault_data_keys_destroyed_total");
        assertThat(text).contains("vault_sealed 0.0").contains("vault_kek_unseals_total");
        assertThat(text).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/v1/detokenize\"");
        assertThat(PlaintextScanner.findInText(text, List.of(name))).isEmpty();
        assertThat(text).doesNotContain(subject).doesNotContain(tokens.get("consignee_name"));
    }

    @Test
    void prometheusOutputPassesPromtoolCheckMetrics() throws Exception {
        String subject = register("CN");
        Map<String, String> tokens = collect(subject, "order", "delivery", Map.of("postal_code", "100022"));
        detokenize(LOGISTICS, "delivery", tokens.get("postal_code"));
        detokenize(PAYMENT, "payment", tokens.get("postal_code"));
        call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER, null);
        String text = call("GET", "/actuator/prometheus", null, null).body();
        assertThat(text).contains("# TYPE vault_detokenizations_total counter");

        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String report = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(report).as("promtool's findings").isBlank();
        assertThat(promtool.exitValue()).as(report).isZero();
    }
}
