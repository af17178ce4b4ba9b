package dev.pdvault.api.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysCliTest {

    private static final Map<String, String> ENV = Map.of("VAULT_API_KEY", "env-key");

    @Test
    void statusCallsTheInventoryWithTheKeyFromTheEnvironment() throws Exception {
        KeysCli.Invocation call = KeysCli.parse(new String[]{"status"}, ENV);
        assertThat(call).isEqualTo(new KeysCli.Invocation("GET", "/v1/keys", null,
                URI.create("http://localhost:8080"), "env-key"));
    }

    @Test
    void optionsOverrideTheEnvironmentInEitherSpelling() throws Exception {
        KeysCli.Invocation call = KeysCli.parse(new String[]{"--url", "https://vault:8443/", "rotate", "--key=k2"}, ENV);
        assertThat(call).isEqualTo(new KeysCli.Invocation("POST", "/v1/keys/kek/rotation", null,
                URI.create("https://vault:8443"), "k2"));
        assertThat(KeysCli.parse(new String[]{"status"}, Map.of("VAULT_API_KEY", "k", "VAULT_URL", "http://v:1"))
                .base()).isEqualTo(URI.create("http://v:1"));
    }

    @Test
    void eachVersionCommandMapsToItsCall() throws Exception {
        assertThat(KeysCli.parse(new String[]{"retire", "local-42"}, ENV)).extracting(
                KeysCli.Invocation::method, KeysCli.Invocation::path, KeysCli.Invocation::body)
                .containsExactly("POST", "/v1/keys/kek/local-42/state", "{\"state\":\"DEACTIVATED\"}");
        assertThat(KeysCli.parse(new String[]{"suspend", "local-42"}, ENV).body()).contains("SUSPENDED");
        assertThat(KeysCli.parse(new String[]{"activate", "local-42"}, ENV).body()).contains("\"ACTIVE\"");
        assertThat(KeysCli.parse(new String[]{"compromise", "local-42"}, ENV).body()).contains("COMPROMISED");
        assertThat(KeysCli.parse(new String[]{"destroy", "local-42"}, ENV)).extracting(
                KeysCli.Invocation::method, KeysCli.Invocation::path).containsExactly("DELETE", "/v1/keys/kek/local-42");
        assertThat(KeysCli.parse(new String[]{"destroy", "gcp-kms://projects/p/keys/k"}, ENV).path())
                .isEqualTo("/v1/keys/kek/gcp-kms%3A%2F%2Fprojects%2Fp%2Fkeys%2Fk");
        assertThat(KeysCli.parse(new String[]{"progress"}, ENV).path()).isEqualTo("/v1/keys/kek/rewrap");
        assertThat(KeysCli.parse(new String[]{"rewrap"}, ENV).method()).isEqualTo("POST");
        assertThat(KeysCli.parse(new String[]{"epoch"}, ENV).path()).isEqualTo("/v1/keys/epochs");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThatThrownBy(() -> KeysCli.parse(new String[]{}, ENV)).hasMessage("no command");
        assertThatThrownBy(() -> KeysCli.parse(new String[]{"status"}, Map.of())).hasMessageContaining("API key");
        assertThatThrownBy(() -> KeysCli.parse(new String[]{"destroy"}, ENV)).hasMessageContaining("one KEK version");
        assertThatThrownBy(() -> KeysCli.parse(new String[]{"status", "v"}, ENV)).hasMessageContaining("no version");
        assertThatThrownBy(() -> KeysCli.parse(new String[]{"explode"}, ENV)).hasMessageContaining("unknown command");
        assertThatThrownBy(() -> KeysCli.parse(new String[]{"status", "--verbose"}, ENV))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> KeysCli.parse(new String[]{"status", "--url"}, ENV)).hasMessageContaining("needs");
        assertThatThrownBy(() -> KeysCli.parse(new String[]{"status", "--url", "ftp://x"}, ENV))
                .hasMessageContaining("http");
    }

    @Test
    void aUsageErrorExitsTwoAndPrintsTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KeysCli.run(new String[]{"destroy"}, ENV, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: KeysCli");
    }
}
