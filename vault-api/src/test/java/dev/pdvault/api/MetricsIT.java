package dev.pdvault.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus metrics for collections, detokenizations by purpose and outcome, and erasures; no personal data. */
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
        assertThat(text).contains("vault_erasures_total{outcome=\"erased\"}");
        assertThat(text).contains("vault_detokenize_duration_seconds_bucket");
        assertThat(text).contains("vault_erasure_duration_seconds_count");
        assertThat(PlaintextScanner.findInText(text, List.of(name))).isEmpty();
        assertThat(text).doesNotContain(subject).doesNotContain(tokens.get("consignee_name"));
    }
}
