package dev.pdvault.api.security;

import dev.pdvault.api.TestClock;
import dev.pdvault.api.TestTokens;
import dev.pdvault.api.VaultIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detokenization volume signal under a moved clock, with the default rule (30 minutes of warm-up, factor 5,
 * at least 1000 tokens): 30 quiet minutes of 2 tokens each set the baseline, a minute of 1200 tokens is an anomaly
 * (the metric and one event), a later minute of 900 is not.
 */
class VolumeWatchIT extends VaultIntegrationTest {

    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

    @Autowired
    private TestClock clock;
    @Autowired
    private VolumeWatch volumes;
    @Autowired
    private MeterRegistry meters;

    private static List<String> tokens(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> {
            StringBuilder token = new StringBuilder("tok_");
            for (int c = 0; c < 26; c++) {
                token.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
            }
            return token.toString();
        }).toList();
    }

    private void ask(String credential, int n) {
        Response response = call("POST", "/v1/detokenize", credential, Map.of("tokens", tokens(n), "purpose",
                "delivery"));
        assertThat(response.status()).as(response.body()).isIn(200, 403, 404);
    }

    @Test
    void anIdentityDetokenizingFarAboveItsBaselineRaisesTheMetricAndOneEvent() {
        Instant start = IdentitiesIT.freshMinute().truncatedTo(ChronoUnit.MINUTES);
        String name = "volume-probe-" + UUID.randomUUID().toString().substring(0, 8);
        String probe = TestTokens.TRUSTED.mint(name, Map.of("vault_roles", List.of("DETOKENIZER"), "vault_purposes",
                List.of("delivery")), TestTokens.ISSUER, List.of(TestTokens.AUDIENCE), start.plus(Duration.ofHours(2)));
        for (int minute = 0; minute < 30; minute++) {
            clock.fixAt(start.plus(Duration.ofMinutes(minute)).plusSeconds(5));
            ask(probe, 2);
        }
        clock.fixAt(start.plus(Duration.ofMinutes(30)).plusSeconds(5));
        volumes.closeEndedMinutes();
        assertThat(anomalies(name)).as("nothing departs during the warm-up").isEmpty();

        ask(probe, 600);
        ask(probe, 600);
        clock.fixAt(start.plus(Duration.ofMinutes(31)).plusSeconds(5));
        volumes.closeEndedMinutes();
        List<Map<String, Object>> anomalies = anomalies(name);
        assertThat(anomalies).hasSize(1);
        assertThat(anomalies.get(0)).containsEntry("tokens", "1200").containsEntry("threshold", "1000")
                .containsEntry("minute", start.plus(Duration.ofMinutes(30)).toString());
        assertThat(Double.parseDouble((String) anomalies.get(0).get("baseline"))).isBetween(1.9, 2.1);
        assertThat(meters.counter("vault.detokenize.volume.anomalies", "identity", name).count()).isEqualTo(1);

        ask(probe, 900);
        clock.fixAt(start.plus(Duration.ofMinutes(33)).plusSeconds(5));
        volumes.closeEndedMinutes();
        assertThat(anomalies(name)).as("900 tokens lie below max(1000, 5 × baseline)").hasSize(1);
        assertThat(meters.find("vault.detokenize.volume.baseline").tag("identity", name).gauge().value())
                .isGreaterThan(100);
    }

    private List<Map<String, Object>> anomalies(String caller) {
        return jdbc.queryForList("SELECT p->>'tokens' AS tokens, p->>'threshold' AS threshold, p->>'minute' AS minute,"
                + " p->>'baseline' AS baseline FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p"
                + " FROM domain_event_entry WHERE payload_type = ?) e WHERE p->>'caller' = ?",
                "dev.pdvault.domain.security.api.DetokenizationVolumeAnomalous", caller);
    }
}
