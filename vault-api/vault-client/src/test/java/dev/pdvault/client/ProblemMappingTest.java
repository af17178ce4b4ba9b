package dev.pdvault.client;

import dev.pdvault.client.StubVault.Answer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each problem the vault sends becomes the exception a caller can act on, with the vault's reason. */
class ProblemMappingTest {

    @ParameterizedTest
    @CsvSource({
            "400, invalid-token-count, InvalidRequestException",
            "400, malformed-token, InvalidRequestException",
            "413, body-too-large, InvalidRequestException",
            "422, region-not-served, InvalidRequestException",
            "401, unauthenticated, AuthenticationException",
            "403, purpose-not-granted, AccessDeniedException",
            "403, consent-withdrawn, AccessDeniedException",
            "403, opted-out, AccessDeniedException",
            "404, unknown-token, NotFoundException",
            "409, erasure-in-progress, ConflictException",
            "410, data-erased, DataErasedException",
            "410, subject-erased, DataErasedException",
            "429, rate-limited, RateLimitedException",
            "503, vault-sealed, VaultSealedException",
            "503, access-not-recorded, NotRecordedException",
            "503, collection-not-recorded, NotRecordedException",
            "503, ledger-not-settled, VaultUnavailableException",
            "500, integrity-failure, VaultServerException",
    })
    void eachProblemBecomesItsException(int status, String reason, String exception) throws IOException {
        try (StubVault stub = new StubVault().answer(Answer.problem(status, reason, Map.of("Retry-After", "7200")))) {
            VaultClient client = VaultClient.builder(stub.uri()).apiKey("stub-key")
                    .retryPolicy(RetryPolicy.never()).build();

            VaultProblemException thrown = catchThrowableOfType(VaultProblemException.class,
                    () -> client.detokenize("delivery", new Token("tok_45mq7fvswtehd1mprf3yd0cqg7")));

            assertThat(thrown.getClass().getSimpleName()).isEqualTo(exception);
            assertThat(thrown.reason()).isEqualTo(reason);
            assertThat(thrown.status()).isEqualTo(status);
            assertThat(thrown.problem().title()).isEqualTo("Stub " + reason);
            assertThat(thrown.getMessage()).isEqualTo(status + " " + reason + ": Stub " + reason);
        }
    }

    @ParameterizedTest
    @CsvSource({"502, VaultServerException", "503, VaultUnavailableException", "404, NotFoundException"})
    void anAnswerWithoutAProblemDocumentKeepsItsStatus(int status, String exception) throws IOException {
        try (StubVault stub = new StubVault().answer(new Answer(status, Map.of("Content-Type", "text/html"),
                "<html>proxy</html>"))) {
            VaultClient client = VaultClient.builder(stub.uri()).apiKey("stub-key")
                    .retryPolicy(RetryPolicy.never()).build();

            VaultProblemException thrown = catchThrowableOfType(VaultProblemException.class,
                    () -> client.erasureReceipt(new SubjectId("b573ab0b-aee1-4920-8deb-225edbdaae82")));

            assertThat(thrown.getClass().getSimpleName()).isEqualTo(exception);
            assertThat(thrown.reason()).isEqualTo("http-" + status);
        }
    }
}
