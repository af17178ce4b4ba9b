package dev.pdvault.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.VaultIntegrationTest;
import dev.pdvault.client.example.ReadmeExample;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The client README's example, exactly as published, against a started vault on PostgreSQL. */
class ClientExampleIT extends VaultIntegrationTest {

    private static final Pattern SUBJECT_LINE = Pattern.compile("subject ([0-9a-f-]{36}) has 3 tokens");

    @Test
    void theReadmeExampleRunsAgainstTheVaultAndEveryStepIsRecorded() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ReadmeExample.run(URI.create("http://localhost:" + port), new PrintStream(printed, true, StandardCharsets.UTF_8));

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(6);
        Matcher subjectLine = SUBJECT_LINE.matcher(lines.get(0));
        assertThat(subjectLine.matches()).as(lines.get(0)).isTrue();
        assertThat(lines.subList(1, 6)).containsExactly(
                "deliver to Li Na",
                "label: Li Na, 7 Rabbit Hole Lane, 100022",
                "refused: purpose-not-granted",
                "erasure: ERASED_RETAINING",
                "after the erasure: data-erased");

        Response history = call("GET", "/v1/subjects/" + subjectLine.group(1) + "/history", AUDITOR, null);
        assertThat(history.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (JsonNode event : history.json().get("events")) {
            types.add(event.get("type").asText());
            if (event.has("reason")) {
                reasons.add(event.get("reason").asText());
            }
        }
        assertThat(types).containsExactly("DataSubjectRegistered", "PersonalDataCollected",
                "PersonalDataDetokenized", "PersonalDataDetokenized", "DetokenizationRefused",
                "ErasureRequested", "DataSubjectErased", "DetokenizationRefused");
        assertThat(reasons).containsExactly("PURPOSE_NOT_GRANTED_TO_CALLER", "DATA_ERASED");
        assertThat(history.body()).doesNotContain("Li Na").doesNotContain("Rabbit Hole");
    }
}
