package dev.pdvault.api.policy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pdvault.domain.policy.Catalogue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzes the policy catalogue loader with YAML. An invalid catalogue stops the vault with one
 * {@link InvalidCatalogueException} that names the file and the line; nothing else may escape, and the message
 * never quotes a comment (the seeds plant a phone number in one) nor grows with the file. Under plain
 * {@code mvn verify} the method replays its inputs in
 * {@code src/test/resources/dev/pdvault/api/policy/CatalogueLoaderFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes (docs/operations.md, "Fuzzing").
 */
class CatalogueLoaderFuzzTest {

    static final String PLANTED = "13912345678";
    private static final String SOURCE = "fuzzed.yaml";
    private static final int LONGEST_MESSAGE = 400;
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @FuzzTest(maxDuration = "2m")
    void aCatalogueLoadsOrIsRefusedWithItsLineAndNeverQuotesAComment(FuzzedDataProvider data) {
        byte[] yaml = data.consumeRemainingAsBytes();

        Catalogue catalogue;
        try {
            catalogue = assertTimeoutPreemptively(DEADLINE,
                    () -> CatalogueLoader.load(new ByteArrayInputStream(yaml), SOURCE));
        } catch (InvalidCatalogueException e) {
            String text = new String(yaml, StandardCharsets.UTF_8);
            assertThat(e.getMessage()).startsWith("invalid data catalogue " + SOURCE).hasSizeLessThan(LONGEST_MESSAGE);
            if (!withoutComments(text).contains(PLANTED)) {
                assertThat(e.getMessage()).doesNotContain(PLANTED);
            }
            return;
        }
        assertThat(catalogue).isNotNull();
        assertThat(catalogue.categories()).isNotEmpty();
    }

    private static String withoutComments(String text) {
        return Arrays.stream(text.split("\n", -1)).map(CatalogueLoaderFuzzTest::withoutComment)
                .collect(Collectors.joining("\n"));
    }

    /** YAML: a comment starts with {@code #} at the start of a line or after white space, outside quotes. */
    private static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
