package dev.pdvault.api.kms;

import dev.pdvault.crypto.CryptoException;
import dev.pdvault.crypto.KeyEncryptionKeys;
import dev.pdvault.crypto.TransitKeyEncryptionKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Vault Transit through Spring Vault's VaultTemplate, against a stand-in speaking Transit's HTTP API. */
@ExtendWith(OutputCaptureExtension.class)
class VaultTransitTest {

    private StandInTransit transit;

    @BeforeEach
    void start() throws Exception {
        transit = new StandInTransit("pdvault-kek", 2);
        transit.start(0);
    }

    @AfterEach
    void stop() {
        transit.stop();
    }

    private Supplier<KeyEncryptionKeys> keks() {
        return () -> new TransitKeyEncryptionKeys(SpringVaultTransitEngine.connect(transit.endpoint(),
                StandInTransit.TOKEN, "transit", "pdvault-kek", Duration.ofSeconds(2)));
    }

    @Test
    void wrapsAndUnwrapsDataKeysThroughTransit(CapturedOutput output) {
        KeyEncryptionKeys keks = keks().get();

        assertThat(keks.versions()).containsExactly("transit:pdvault-kek:v1", "transit:pdvault-kek:v2");
        assertThat(keks.primaryVersion()).isEqualTo("transit:pdvault-kek:v2");
        EnvelopeChecks.wrapAndUnwrap(keks(), transit);
        assertThat(output).as("Spring Web logs at DEBUG in tests: no request body with a keyset in clear")
                .contains("RestTemplate").doesNotContain("plaintext");
    }

    @Test
    void onlyTransitHoldsTheKek() throws Exception {
        EnvelopeChecks.Wrapped wrapped = EnvelopeChecks.wrapAndUnwrap(keks(), transit);

        EnvelopeChecks.onlyTheKmsCanUnwrap(keks(), transit, wrapped, new StandInTransit("pdvault-kek", 2));
    }

    @Test
    void aWrongTokenIsRefused() {
        assertThatThrownBy(() -> new TransitKeyEncryptionKeys(SpringVaultTransitEngine.connect(transit.endpoint(),
                "wrong-token", "transit", "pdvault-kek", Duration.ofSeconds(2)))).isInstanceOf(CryptoException.class);
    }
}
