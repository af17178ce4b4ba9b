package dev.pdvault.domain.subject.api;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pdvault.domain.shared.InvalidIdException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzes the token parser and the subject-id parser, which see every string a caller sends as a token or an id,
 * against a regular expression of the documented format. Under plain {@code mvn verify} each method replays its
 * inputs in {@code src/test/resources/dev/pdvault/domain/subject/api/TokenFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes (docs/operations.md, "Fuzzing").
 */
class TokenFuzzTest {

    private static final Pattern TOKEN_FORMAT = Pattern.compile("tok_[0-9abcdefghjkmnpqrstvwxyz]{26}");
    private static final Pattern SUBJECT_ID_FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @FuzzTest(maxDuration = "2m")
    void aStringIsATokenExactlyWhenItHasTheTokenFormatAndIsOtherwiseRefusedWithoutDetail(FuzzedDataProvider data) {
        String input = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        boolean wellFormed = TOKEN_FORMAT.matcher(input).matches();

        assertThat(assertTimeoutPreemptively(DEADLINE, () -> Token.isWellFormed(input))).isEqualTo(wellFormed);
        try {
            Token token = Token.of(input);
            assertThat(wellFormed).as("a token was made of a string of another format").isTrue();
            assertThat(token.value()).isEqualTo(input);
        } catch (MalformedTokenException e) {
            assertThat(wellFormed).as("a well-formed token was refused").isFalse();
            assertThat(e.getMessage()).isEqualTo("malformed token");
            assertThat(e.getCause()).isNull();
        }
    }

    @FuzzTest(maxDuration = "2m")
    void aStringIsASubjectIdExactlyWhenItIsALowerCaseUuidAndIsOtherwiseRefusedWithoutDetail(FuzzedDataProvider data) {
        String input = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        boolean wellFormed = SUBJECT_ID_FORMAT.matcher(input).matches();

        try {
            SubjectId id = assertTimeoutPreemptively(DEADLINE, () -> SubjectId.of(input));
            assertThat(wellFormed).as("a subject id was made of a string of another format").isTrue();
            assertThat(id.value()).isEqualTo(input);
        } catch (InvalidIdException e) {
            assertThat(wellFormed).as("a well-formed subject id was refused").isFalse();
            assertThat(e.getMessage()).isEqualTo("invalid subject id");
            assertThat(e.getCause()).isNull();
        }
    }
}
