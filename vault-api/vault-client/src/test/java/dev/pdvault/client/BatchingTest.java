package dev.pdvault.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdvault.client.StubVault.Answer;
import dev.pdvault.client.StubVault.Received;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Detokenization of more tokens than the vault takes at once: split, in order, merged. */
class BatchingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Answers each token with "value of" the token, in reverse order, as a map whose order must not matter. */
    private static Answer echo(Received request) {
        try {
            JsonNode body = JSON.readTree(request.body());
            ObjectNode values = JSON.createObjectNode();
            List<JsonNode> tokens = new ArrayList<>();
            body.get("tokens").forEach(tokens::add);
            for (int i = tokens.size() - 1; i >= 0; i--) {
                values.put(tokens.get(i).asText(), "value of " + tokens.get(i).asText());
            }
            return Answer.json(200, JSON.createObjectNode().set("values", values).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Token> tokens(int count) {
        return IntStream.range(0, count).mapToObj(i -> new Token("tok_" + (char) ('z' - i) + i)).toList();
    }

    private static List<String> sentTokens(Received request) {
        try {
            List<String> sent = new ArrayList<>();
            JSON.readTree(request.body()).get("tokens").forEach(t -> sent.add(t.asText()));
            return sent;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void moreTokensThanTheLimitAreSplitInOrderAndMerged() throws IOException {
        List<Token> asked = new ArrayList<>(tokens(7));
        asked.add(3, asked.get(5));
        try (StubVault stub = new StubVault().answer(BatchingTest::echo)) {
            VaultClient client = VaultClient.builder(stub.uri()).apiKey("stub-key").maxTokensPerRequest(3).build();

            Detokenized answer = client.detokenize("delivery", asked);

            List<Token> distinct = asked.stream().distinct().toList();
            assertThat(answer.values().keySet()).containsExactlyElementsOf(distinct);
            distinct.forEach(t -> assertThat(answer.value(t)).isEqualTo("value of " + t.value()));
            assertThat(stub.received).extracting(BatchingTest::sentTokens).containsExactly(
                    distinct.subList(0, 3).stream().map(Token::value).toList(),
                    distinct.subList(3, 6).stream().map(Token::value).toList(),
                    distinct.subList(6, 7).stream().map(Token::value).toList());
            assertThat(stub.received).allMatch(r -> r.body().contains("\"purpose\":\"delivery\""));
        }
    }

    @Test
    void tokensWithinTheLimitGoInOneRequest() throws IOException {
        try (StubVault stub = new StubVault().answer(BatchingTest::echo)) {
            VaultClient client = VaultClient.builder(stub.uri()).apiKey("stub-key").build();

            assertThat(client.detokenize("delivery", tokens(1000)).size()).isEqualTo(1000);
            assertThat(stub.received).hasSize(1);
        }
    }

    @Test
    void aRefusedBatchStopsTheRestAndIsReported() throws IOException {
        try (StubVault stub = new StubVault().answer(BatchingTest::echo)
                .answer(Answer.problem(403, "consent-withdrawn"))) {
            VaultClient client = VaultClient.builder(stub.uri()).apiKey("stub-key").maxTokensPerRequest(2).build();

            assertThatThrownBy(() -> client.detokenize("delivery", tokens(6)))
                    .isExactlyInstanceOf(AccessDeniedException.class).hasMessageContaining("consent-withdrawn");
            assertThat(stub.received).hasSize(2);
        }
    }

    @Test
    void plaintextIsInNoStringForm() throws IOException {
        try (StubVault stub = new StubVault().answer(BatchingTest::echo)) {
            VaultClient client = VaultClient.builder(stub.uri()).apiKey("stub-key").build();

            Detokenized answer = client.detokenize("delivery", tokens(2));

            assertThat(answer.toString()).doesNotContain("value of");
            assertThat(new CollectRecord("order", "delivery", "subject", Map.of("consignee_name", "Li Na"))
                    .toString()).contains("consignee_name").doesNotContain("Li Na");
        }
    }
}
