package dev.pdvault.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.VaultIntegrationTest;
import dev.pdvault.client.AccessDeniedException;
import dev.pdvault.client.AuthenticationException;
import dev.pdvault.client.CollectRecord;
import dev.pdvault.client.Collected;
import dev.pdvault.client.ConflictException;
import dev.pdvault.client.Consent;
import dev.pdvault.client.DataErasedException;
import dev.pdvault.client.Detokenized;
import dev.pdvault.client.ErasureReceipt;
import dev.pdvault.client.InvalidRequestException;
import dev.pdvault.client.NotFoundException;
import dev.pdvault.client.SubjectId;
import dev.pdvault.client.Token;
import dev.pdvault.client.VaultClient;
import dev.pdvault.client.VaultProblemException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Java client against a started vault: its calls, its typed errors and its batches, as the vault sees them. */
class VaultClientIT extends VaultIntegrationTest {

    private VaultClient as(String apiKey) {
        return VaultClient.builder(URI.create("http://localhost:" + port)).apiKey(apiKey).build();
    }

    private Collected order(VaultClient collector, SubjectId subject, String name) {
        return collector.collect(subject, new CollectRecord("order", "delivery", "subject",
                Map.of("consignee_name", name, "address", "12 Client Road", "postal_code", "100022",
                        "consignee_phone", "+86 138 0000 0000")));
    }

    private List<String> historyTypes(SubjectId subject) {
        List<String> types = new ArrayList<>();
        call("GET", "/v1/subjects/" + subject.value() + "/history", AUDITOR, null).json().get("events")
                .forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    @Test
    void tokensAboveTheBatchLimitAreDetokenizedInOrderInSeveralRecordedAccesses() {
        VaultClient collector = as(COLLECTOR);
        SubjectId subject = collector.registerSubject("CN");
        String name = plant("Client Batch");
        Collected order = order(collector, subject, name);
        List<Token> asked = List.of(order.token("postal_code"), order.token("consignee_name"),
                order.token("postal_code"), order.token("address"), order.token("consignee_phone"));
        VaultClient logistics = VaultClient.builder(URI.create("http://localhost:" + port)).apiKey(LOGISTICS)
                .maxTokensPerRequest(2).build();

        Detokenized values = logistics.detokenize("delivery", asked);

        assertThat(values.values().keySet()).containsExactly(order.token("postal_code"),
                order.token("consignee_name"), order.token("address"), order.token("consignee_phone"));
        assertThat(values.value(order.token("consignee_name"))).isEqualTo(name);
        assertThat(values.value(order.token("address"))).isEqualTo("12 Client Road");
        assertThat(historyTypes(subject)).containsExactly("DataSubjectRegistered", "PersonalDataCollected",
                "PersonalDataDetokenized", "PersonalDataDetokenized");
    }

    @Test
    void theVaultsProblemsArriveAsTypedExceptionsWithTheirReasons() {
        VaultClient collector = as(COLLECTOR);
        SubjectId subject = collector.registerSubject("CN");
        Token name = order(collector, subject, plant("Client Errors")).token("consignee_name");

        assertReason(catchThrowableOfType(AccessDeniedException.class,
                () -> as(PAYMENT).detokenize("payment", name)), 403, "purpose-not-allowed-for-category");
        assertReason(catchThrowableOfType(AccessDeniedException.class,
                () -> as(PRIVACY_OFFICER).detokenize("delivery", name)), 403, "caller-may-not-detokenize");
        assertReason(catchThrowableOfType(AccessDeniedException.class,
                () -> as(LOGISTICS).registerSubject("CN")), 403, "role-not-permitted");
        assertReason(catchThrowableOfType(AuthenticationException.class,
                () -> as("no-such-key").detokenize("delivery", name)), 401, "unauthenticated");
        assertReason(catchThrowableOfType(InvalidRequestException.class,
                () -> as(LOGISTICS).detokenize("delivery", new Token("not-a-token"))), 400, "malformed-token");
        assertReason(catchThrowableOfType(InvalidRequestException.class,
                () -> as(LOGISTICS).detokenize("no_such_purpose", name)), 400, "unknown-purpose");
        assertReason(catchThrowableOfType(NotFoundException.class,
                () -> as(PRIVACY_OFFICER).erasureReceipt(subject)), 404, "no-erasure");

        ErasureReceipt receipt = as(PRIVACY_OFFICER).erase(subject);
        assertThat(receipt.subjectId()).isEqualTo(subject);
        assertThat(receipt.status()).isEqualTo("ERASED_RETAINING");
        assertThat(receipt.complete()).isTrue();
        assertThat(as(AUDITOR).erasureReceipt(subject).erasureId()).isEqualTo(receipt.erasureId());

        assertReason(catchThrowableOfType(DataErasedException.class,
                () -> as(LOGISTICS).detokenize("delivery", name)), 410, "data-erased");
        assertReason(catchThrowableOfType(DataErasedException.class,
                () -> as(COLLECTOR).correct(name, "12 Erased Road")), 410, "subject-erased");
    }

    @Test
    void consentsAreGrantedListedAndWithdrawnAndACorrectionKeepsTheToken() {
        VaultClient collector = as(COLLECTOR);
        SubjectId subject = collector.registerSubject("CN");
        Collected order = order(collector, subject, plant("Client Consent"));

        assertThat(collector.grantConsent(subject, "marketing_sms").policyVersion()).isPositive();
        assertThat(collector.consents(subject)).extracting(Consent::purpose, Consent::inForce)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("marketing_sms", true));
        collector.withdrawConsent(subject, "marketing_sms");
        assertThat(collector.consents(subject)).extracting(Consent::inForce).containsExactly(false);
        assertReason(catchThrowableOfType(ConflictException.class,
                () -> collector.withdrawConsent(subject, "marketing_sms")), 409, "no-consent-in-force");

        collector.correct(order.token("address"), "13 Client Road");
        assertThat(as(LOGISTICS).detokenize("delivery", order.token("address"))).isEqualTo("13 Client Road");
        List<String> types = historyTypes(subject);
        assertThat(types).contains("ConsentGranted", "ConsentWithdrawn", "PersonalDataCorrected");
    }

    private static void assertReason(VaultProblemException thrown, int status, String reason) {
        assertThat(thrown).as("an exception for " + reason).isNotNull();
        assertThat(thrown.status()).isEqualTo(status);
        assertThat(thrown.reason()).isEqualTo(reason);
    }
}
