package dev.pdvault.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.VaultIntegrationTest;
import dev.pdvault.api.keys.KekRewrapJob;
import dev.pdvault.crypto.KeyEncryptionKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator command line against the running IT vault: status, rotate, retire, destroy, and a refusal. */
class KeysCliIT extends VaultIntegrationTest {

    @Autowired
    KeyEncryptionKeys keks;
    @Autowired
    KekRewrapJob rewrap;

    private record Run(int status, String out, String err) {
    }

    private Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KeysCli.run(args, Map.of("VAULT_URL", "http://localhost:" + port, "VAULT_API_KEY",
                        SECURITY_OFFICER), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void statusRotateRetireAndDestroyFromTheCommandLine() throws Exception {
        String subject = register("CN");
        collect(subject, "customer_service", "customer_service", Map.of("contact_information", plant("Cli Wang")));
        String old = keks.primaryVersion();

        Run status = cli("status");
        assertThat(status.status()).isZero();
        assertThat(json.readTree(status.out()).get("primary").asText()).isEqualTo(old);

        Run rotate = cli("rotate");
        assertThat(rotate.status()).isZero();
        String primary = json.readTree(rotate.out()).get("primary").asText();
        assertThat(primary).isEqualTo(keks.primaryVersion()).isNotEqualTo(old);
        rewrap.awaitIdle(Duration.ofMinutes(2));
        JsonNode progress = json.readTree(cli("progress").out());
        assertThat(progress.get("state").asText()).isEqualTo("COMPLETED");

        Run refused = cli("destroy", old);
        assertThat(refused.status()).isEqualTo(3);
        assertThat(refused.err()).contains("kek-state-transition-refused");
        assertThat(cli("retire", old).status()).isZero();
        Run destroyed = cli("destroy", old);
        assertThat(destroyed.status()).isZero();
        assertThat(json.readTree(destroyed.out()).get("state").asText()).isEqualTo("DESTROYED");

        assertThat(cli("status", "--key", AUDITOR).status()).isZero();
        Run forbidden = cli("rotate", "--key", AUDITOR);
        assertThat(forbidden.status()).isEqualTo(1);
        assertThat(forbidden.err()).contains("403");
    }
}
