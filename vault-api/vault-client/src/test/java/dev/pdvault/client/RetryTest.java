package dev.pdvault.client;

import dev.pdvault.client.StubVault.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retry rules against an in-JVM stub: reads are repeated, writes and detokenizations only when the vault
 * provably did nothing.
 */
class RetryTest {

    private static final SubjectId SUBJECT = new SubjectId("b573ab0b-aee1-4920-8deb-225edbdaae82");
    private static final Token TOKEN = new Token("tok_45mq7fvswtehd1mprf3yd0cqg7");
    private static final String VALUES = "{\"values\":{\"tok_45mq7fvswtehd1mprf3yd0cqg7\":\"stub value\"}}";
    private static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private StubVault stub;

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    private VaultClient client(URI uri) {
        return VaultClient.builder(uri).apiKey("stub-key").sleeper(waits::add)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @Test
    void aReadIsRepeatedAfterAnUnavailableVaultWithBackoff() throws IOException {
        stub = new StubVault().answer(Answer.problem(503, "http-503"), Answer.problem(502, "http-502"),
                Answer.json(200, "[{\"purpose\":\"marketing_sms\",\"inForce\":true,\"policyVersion\":1}]"));

        List<Consent> consents = client(stub.uri()).consents(SUBJECT);

        assertThat(consents).extracting(Consent::purpose).containsExactly("marketing_sms");
        assertThat(stub.received).hasSize(3).allMatch(r -> r.method().equals("GET"));
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aReadGivesUpAfterMaxAttempts() throws IOException {
        stub = new StubVault().answer(Answer.problem(503, "http-503"));

        assertThatThrownBy(() -> client(stub.uri()).consents(SUBJECT))
                .isExactlyInstanceOf(VaultUnavailableException.class);
        assertThat(stub.received).hasSize(RetryPolicy.defaults().maxAttempts());
    }

    @Test
    void aDetokenizationIsNotRepeatedAfterA503WithoutRetryAfter() throws IOException {
        stub = new StubVault().answer(Answer.problem(503, "http-503"), Answer.json(200, VALUES));

        assertThatThrownBy(() -> client(stub.uri()).detokenize("delivery", TOKEN))
                .isInstanceOf(VaultUnavailableException.class);
        assertThat(stub.received).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void anAccessThatMayBeRecordedLateIsNeverRepeatedEvenWithRetryAfter() throws IOException {
        stub = new StubVault().answer(Answer.problem(503, "access-not-recorded", Map.of("Retry-After", "1")),
                Answer.json(200, VALUES));

        assertThatThrownBy(() -> client(stub.uri()).detokenize("delivery", TOKEN))
                .isExactlyInstanceOf(NotRecordedException.class)
                .extracting(e -> ((NotRecordedException) e).reason()).isEqualTo("access-not-recorded");
        assertThat(stub.received).hasSize(1);
    }

    @Test
    void aDetokenizationIsRepeatedWhenTheSealedVaultAsksToComeBack() throws IOException {
        stub = new StubVault().answer(Answer.problem(503, "vault-sealed", Map.of("Retry-After", "2")),
                Answer.json(200, VALUES));

        assertThat(client(stub.uri()).detokenize("delivery", TOKEN)).isEqualTo("stub value");
        assertThat(stub.received).hasSize(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aWriteIsRepeatedAfterARateLimitWithAnHttpDate() throws IOException {
        stub = new StubVault().answer(Answer.problem(429, "rate-limited",
                        Map.of("Retry-After", "Wed, 25 Nov 2026 20:00:03 GMT")),
                Answer.json(201, "{\"purpose\":\"marketing_sms\",\"policyVersion\":1}"));

        assertThat(client(stub.uri()).grantConsent(SUBJECT, "marketing_sms").policyVersion()).isEqualTo(1);
        assertThat(stub.received).hasSize(2).allMatch(r -> r.method().equals("POST"));
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aRetryAfterLongerThanThePolicyAllowsFailsTheCallAndCarriesTheDelay() throws IOException {
        stub = new StubVault().answer(Answer.problem(503, "vault-sealed", Map.of("Retry-After", "3600")),
                Answer.json(200, VALUES));

        assertThatThrownBy(() -> client(stub.uri()).detokenize("delivery", TOKEN))
                .isExactlyInstanceOf(VaultSealedException.class)
                .extracting(e -> ((VaultSealedException) e).retryAfter()).isEqualTo(java.util.Optional.of(Duration.ofHours(1)));
        assertThat(stub.received).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aWriteIsNotRepeatedAfterOtherErrors() throws IOException {
        stub = new StubVault().answer(Answer.problem(500, "internal-error"), Answer.json(204, null));

        assertThatThrownBy(() -> client(stub.uri()).correct(TOKEN, "8 Rabbit Hole Lane"))
                .isExactlyInstanceOf(VaultServerException.class);
        assertThat(stub.received).hasSize(1);
    }

    @Test
    void aDetokenizationIsNotRepeatedWhenTheAnswerIsLostAfterTheRequestArrived() throws IOException {
        try (StubVault.Hangup hangup = new StubVault.Hangup()) {
            assertThatThrownBy(() -> client(hangup.uri()).detokenize("delivery", TOKEN))
                    .isExactlyInstanceOf(VaultTransportException.class)
                    .extracting(e -> ((VaultTransportException) e).mayHaveReachedVault()).isEqualTo(true);
            assertThat(hangup.requestLines).containsExactly("POST /v1/detokenize HTTP/1.1");
            assertThat(waits).isEmpty();
        }
    }

    @Test
    void aReadIsRepeatedWhenTheAnswerIsLost() throws IOException {
        try (StubVault.Hangup hangup = new StubVault.Hangup()) {
            assertThatThrownBy(() -> client(hangup.uri()).erasureReceipt(SUBJECT))
                    .isExactlyInstanceOf(VaultTransportException.class);
            assertThat(waits).hasSize(RetryPolicy.defaults().maxAttempts() - 1);
            assertThat(hangup.requestLines.size()).isGreaterThanOrEqualTo(RetryPolicy.defaults().maxAttempts());
        }
    }

    @Test
    void aDetokenizationIsRepeatedWhenTheConnectionWasRefused() throws IOException {
        int port = StubVault.refusingPort();
        VaultClient client = VaultClient.builder(URI.create("http://127.0.0.1:" + port)).apiKey("stub-key")
                .sleeper(wait -> {
                    waits.add(wait);
                    if (stub == null) {
                        try {
                            stub = new StubVault(port).answer(Answer.json(200, VALUES));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }).build();

        assertThat(client.detokenize("delivery", TOKEN)).isEqualTo("stub value");
        assertThat(waits).hasSize(1);
        assertThat(stub.received).hasSize(1);
    }

    @Test
    void aRefusedConnectionFailsAsNeverReachedOnceTheAttemptsRunOut() throws IOException {
        int port = StubVault.refusingPort();

        assertThatThrownBy(() -> client(URI.create("http://127.0.0.1:" + port)).erase(SUBJECT))
                .isExactlyInstanceOf(VaultTransportException.class)
                .extracting(e -> ((VaultTransportException) e).mayHaveReachedVault()).isEqualTo(false);
        assertThat(waits).hasSize(RetryPolicy.defaults().maxAttempts() - 1);
    }

    @Test
    void backoffDoublesWithJitterUpToItsMaximum() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1));

        assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.backoff(1, 0.999999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.backoff(9, 0.0)).isEqualTo(Duration.ofMillis(250));
        assertThat(policy.backoff(40, 0.999999)).isLessThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void neverMeansOneAttempt() throws IOException {
        stub = new StubVault().answer(Answer.problem(503, "http-503"));
        VaultClient client = VaultClient.builder(stub.uri()).apiKey("stub-key").retryPolicy(RetryPolicy.never())
                .sleeper(waits::add).build();

        assertThatThrownBy(() -> client.consents(SUBJECT)).isInstanceOf(VaultUnavailableException.class);
        assertThat(stub.received).hasSize(1);
    }
}
