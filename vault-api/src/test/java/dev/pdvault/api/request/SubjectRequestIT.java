package dev.pdvault.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.PlaintextScanner;
import dev.pdvault.api.TestClock;
import dev.pdvault.api.VaultIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data-subject requests over HTTP (policy: V (I)-(6)): each received, verified, then fulfilled or refused; the
 * access request's export decrypted for the subject and stored nowhere; deletion and cancellation erase;
 * repetition past the limit refused; due in 15 days, and the due lists follow the vault's clock.
 */
class SubjectRequestIT extends VaultIntegrationTest {

    @Autowired
    private TestClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    private Response file(String apiKey, String subject, Map<String, Object> body) {
        return call("POST", "/v1/subjects/" + subject + "/requests", apiKey, body);
    }

    private String filed(String subject, Map<String, Object> body) {
        Response r = file(COLLECTOR, subject, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo("RECEIVED");
        return r.json().get("requestId").asText();
    }

    private Response verify(String request) {
        return call("POST", "/v1/requests/" + request + "/identity-verification", PRIVACY_OFFICER,
                Map.of("method", "logged-in session"));
    }

    private Response fulfil(String request, Object body) {
        return call("POST", "/v1/requests/" + request + "/fulfilment", PRIVACY_OFFICER, body);
    }

    private List<String> types(String subject) {
        List<String> types = new ArrayList<>();
        call("GET", "/v1/subjects/" + subject + "/history", AUDITOR, null).json().get("events")
                .forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private List<String> ids(String due, String apiKey) {
        Response r = call("GET", "/v1/requests?due=" + due, apiKey, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().get("requests").forEach(q -> ids.add(q.get("requestId").asText()));
        return ids;
    }

    @Test
    void anAccessRequestIsFulfilledAfterVerificationWithADecryptedExportThatIsStoredNowhere(CapturedOutput output) {
        String name = plant("Zhang Wei");
        String address = plant("Room 808 Xuhui");
        String corrected = plant("Room 909 Xuhui");
        String note = plant("asked about a refund");
        String subject = register("CN");
        Map<String, String> order = collect(subject, "order", "delivery", Map.of("consignee_name", name,
                "address", address, "postal_code", "200030"));
        Map<String, String> service = collect(subject, "customer_service", "customer_service",
                Map.of("communication_record", note));
        assertThat(call("PUT", "/v1/tokens/" + order.get("address"), COLLECTOR, Map.of("value", corrected)).status())
                .isEqualTo(204);
        assertThat(detokenize(LOGISTICS, "delivery", order.get("consignee_name")).status()).isEqualTo(200);
        assertThat(call("POST", "/v1/shares", ORDER_SERVICE, Map.of("recipient", "sf-express", "purpose", "delivery",
                "tokens", List.of(order.get("consignee_name")))).status()).isEqualTo(201);
        assertThat(call("POST", "/v1/subjects/" + subject + "/consents", COLLECTOR,
                Map.of("purpose", "personalised_membership")).status()).isEqualTo(201);
        assertThat(call("PUT", "/v1/subjects/" + subject + "/opt-outs/sms", COLLECTOR, null).status()).isEqualTo(204);

        Response filed = file(COLLECTOR, subject, Map.of("kind", "access_export"));
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        String request = filed.json().get("requestId").asText();
        assertThat(filed.headers().get("location")).containsExactly("/v1/requests/" + request);
        Instant received = Instant.parse(filed.json().get("receivedAt").asText());
        assertThat(Instant.parse(filed.json().get("dueAt").asText())).isEqualTo(received.plus(Duration.ofDays(15)));
        assertThat(filed.json().get("due").asText()).isEqualTo("on_time");

        Response early = fulfil(request, null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.type()).endsWith("/identity-not-verified");
        assertThat(call("POST", "/v1/requests/" + request + "/identity-verification", COLLECTOR,
                Map.of("method", "logged-in session")).status()).isEqualTo(403);
        Response verified = verify(request);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("status").asText()).isEqualTo("IDENTITY_VERIFIED");
        assertThat(verified.json().get("verification").get("method").asText()).isEqualTo("logged-in session");
        assertThat(verified.json().get("verification").get("verifiedBy").asText()).isEqualTo("dev-privacy-officer");
        assertThat(call("POST", "/v1/requests/" + request + "/fulfilment", COLLECTOR, null).status()).isEqualTo(403);

        Response fulfilled = fulfil(request, null);
        assertThat(fulfilled.status()).as(fulfilled.body()).isEqualTo(200);
        assertThat(fulfilled.headers().get("cache-control")).contains("no-store");
        assertThat(fulfilled.json().get("request").get("status").asText()).isEqualTo("FULFILLED");
        assertThat(fulfilled.json().get("request").get("answer").get("tokensExported").asInt()).isEqualTo(4);
        JsonNode export = fulfilled.json().get("export");
        assertThat(export.get("subjectId").asText()).isEqualTo(subject);
        Map<String, String> values = new HashMap<>();
        export.get("data").forEach(v -> {
            assertThat(v.get("state").asText()).isEqualTo("AVAILABLE");
            values.put(v.get("token").asText(), v.get("value").asText());
        });
        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of(order.get("consignee_name"), name,
                order.get("address"), corrected, order.get("postal_code"), "200030",
                service.get("communication_record"), note));
        assertThat(export.get("consents").toString()).contains("personalised_membership");
        assertThat(export.get("optOuts").toString()).contains("sms");
        assertThat(export.get("password").get("set").asBoolean()).isFalse();
        List<String> exportedHistory = new ArrayList<>();
        export.get("history").forEach(e -> exportedHistory.add(e.get("type").asText()));
        assertThat(exportedHistory).contains("PersonalDataCollected", "PersonalDataCorrected",
                "PersonalDataDetokenized", "PersonalDataShared", "ConsentGranted", "OptedOut",
                "SubjectRequestReceived", "SubjectIdentityVerified");

        Response again = fulfil(request, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.type()).endsWith("/request-closed");
        assertThat(types(subject)).containsSubsequence("SubjectRequestReceived", "SubjectIdentityVerified",
                "SubjectDataExported", "SubjectRequestFulfilled");
        Response got = call("GET", "/v1/requests/" + request, AUDITOR, null);
        assertThat(got.json().get("status").asText()).isEqualTo("FULFILLED");
        assertThat(got.json().has("due")).isFalse();

        List<String> planted = List.of(name, address, corrected, note);
        assertThat(PlaintextScanner.tables(jdbc)).contains("subject_request");
        assertThat(PlaintextScanner.findIn(jdbc, planted)).isEmpty();
        assertThat(PlaintextScanner.findInText(output.getAll(), planted)).isEmpty();
        assertThat(output.getAll()).as("the logs scanned are the verbose ones")
                .contains("POST \"/v1/requests/" + request + "/fulfilment\"", "Writing [FulfilmentResponse");
    }

    @Test
    void aDeletionRequestEndsInErasureAndALaterExportShowsEveryValueErased() {
        String subject = register("CN");
        // account-class data: erased at once (transaction records would be kept for their retention period)
        Map<String, String> order = collect(subject, "customer_service", "customer_service",
                Map.of("contact_information", plant("Liu Yang"), "communication_record", plant("lost parcel")));

        Response noGround = file(COLLECTOR, subject, Map.of("kind", "deletion"));
        assertThat(noGround.status()).isEqualTo(400);
        assertThat(noGround.type()).endsWith("/request-details-mismatch");
        Response badGround = file(COLLECTOR, subject, Map.of("kind", "deletion", "deletionGround", "because"));
        assertThat(badGround.status()).isEqualTo(400);
        assertThat(badGround.type()).endsWith("/invalid-deletion-ground");
        String deletion = filed(subject, Map.of("kind", "deletion", "deletionGround", "no_consent"));
        assertThat(call("GET", "/v1/requests/" + deletion, COLLECTOR, null).json().get("details")
                .get("deletionGround").asText()).isEqualTo("NO_CONSENT");
        assertThat(fulfil(deletion, null).status()).isEqualTo(409);
        assertThat(detokenize(CUSTOMER_SERVICE, "customer_service", order.get("contact_information")).status())
                .isEqualTo(200);

        assertThat(verify(deletion).status()).isEqualTo(200);
        Response erased = fulfil(deletion, Map.of());
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().has("export")).isFalse();
        assertThat(erased.json().get("request").get("answer").get("outcome").asText()).startsWith("subject erased");
        Response gone = detokenize(CUSTOMER_SERVICE, "customer_service", order.get("contact_information"));
        assertThat(gone.status()).isEqualTo(410);
        assertThat(call("GET", "/v1/subjects/" + subject + "/erasure", AUDITOR, null).status()).isEqualTo(200);

        String access = filed(subject, Map.of("kind", "access_export"));
        assertThat(verify(access).status()).isEqualTo(200);
        Response exported = fulfil(access, null);
        assertThat(exported.status()).as(exported.body()).isEqualTo(200);
        JsonNode data = exported.json().get("export").get("data");
        assertThat(data).hasSize(2);
        data.forEach(v -> {
            assertThat(v.get("state").asText()).isEqualTo("ERASED");
            assertThat(v.get("value").asText()).isEqualTo("[erased]");
        });
        assertThat(exported.json().get("export").get("subject").get("status").asText()).isEqualTo("ERASED");
    }

    @Test
    void aRefusalNamesOneOfThePolicysGroundsAndClosesTheRequest() {
        String subject = register("CN");
        String request = filed(subject, Map.of("kind", "correction"));

        Response unknown = call("POST", "/v1/requests/" + request + "/refusal", PRIVACY_OFFICER,
                Map.of("ground", "too_busy", "note", "n/a"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.type()).endsWith("/invalid-refusal-ground");
        assertThat(call("POST", "/v1/requests/" + request + "/refusal", COLLECTOR,
                Map.of("ground", "trade_secrets", "note", "n/a")).status()).isEqualTo(403);
        Response refused = call("POST", "/v1/requests/" + request + "/refusal", PRIVACY_OFFICER,
                Map.of("ground", "criminal_investigation", "note", "case 2026/0142"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        assertThat(refused.json().get("status").asText()).isEqualTo("REFUSED");
        assertThat(refused.json().get("answer").get("refusalGround").asText()).isEqualTo("CRIMINAL_INVESTIGATION");
        assertThat(refused.json().get("answer").get("refusalNote").asText()).isEqualTo("case 2026/0142");

        for (Response late : List.of(verify(request), fulfil(request, null), call("POST", "/v1/requests/" + request
                + "/refusal", PRIVACY_OFFICER, Map.of("ground", "trade_secrets", "note", "again")))) {
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.type()).endsWith("/request-closed");
        }
        JsonNode history = call("GET", "/v1/subjects/" + subject + "/history", AUDITOR, null).json().get("events");
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("SubjectRequestRefused");
        assertThat(last.get("ground").asText()).isEqualTo("CRIMINAL_INVESTIGATION");
        assertThat(call("GET", "/v1/requests/00000000-0000-4000-8000-000000000000", AUDITOR, null).type())
                .endsWith("/unknown-request");
    }

    @Test
    void aFourthRequestOfAKindWithin30DaysIsRefusedAsExcessiveRepetition() {
        String subject = register("CN");
        for (int i = 0; i < 3; i++) {
            filed(subject, Map.of("kind", "access_export"));
        }
        Response fourth = file(COLLECTOR, subject, Map.of("kind", "access_export"));
        assertThat(fourth.status()).as(fourth.body()).isEqualTo(201);
        assertThat(fourth.json().get("status").asText()).isEqualTo("REFUSED");
        assertThat(fourth.json().get("answer").get("refusalGround").asText()).isEqualTo("EXCESSIVE_REPETITION");
        assertThat(fourth.json().get("answer").get("refusalNote").asText()).contains("limit 3");
        String refused = fourth.json().get("requestId").asText();
        assertThat(verify(refused).type()).endsWith("/request-closed");
        assertThat(types(subject)).endsWith("SubjectRequestReceived", "SubjectRequestRefused");

        filed(subject, Map.of("kind", "correction"));
        clock.moveTo(Duration.ofDays(31));
        filed(subject, Map.of("kind", "access_export"));
    }

    @Test
    void dueFifteenDaysAfterReceiptAndTheDueListsMoveWithTheClock() {
        String subject = register("CN");
        String request = filed(subject, Map.of("kind", "correction"));
        String other = filed(subject, Map.of("kind", "account_cancellation"));
        assertThat(ids("overdue", PRIVACY_OFFICER)).doesNotContain(request);
        assertThat(ids("near", AUDITOR)).doesNotContain(request);
        assertThat(call("GET", "/v1/requests?due=overdue", COLLECTOR, null).status()).isEqualTo(403);
        assertThat(call("GET", "/v1/requests?due=soon", PRIVACY_OFFICER, null).type()).endsWith("/invalid-due-filter");

        clock.moveTo(Duration.ofDays(13));
        assertThat(ids("near", PRIVACY_OFFICER)).contains(request, other);
        assertThat(ids("overdue", PRIVACY_OFFICER)).doesNotContain(request);
        assertThat(call("GET", "/v1/requests/" + request, AUDITOR, null).json().get("due").asText())
                .isEqualTo("near_due");
        assertThat(gauge("near_due")).isGreaterThanOrEqualTo(2);

        clock.moveTo(Duration.ofDays(15).plusMinutes(1));
        assertThat(ids("overdue", AUDITOR)).contains(request, other);
        assertThat(ids("near", PRIVACY_OFFICER)).doesNotContain(request);
        assertThat(gauge("overdue")).isGreaterThanOrEqualTo(2);

        assertThat(call("POST", "/v1/requests/" + request + "/refusal", PRIVACY_OFFICER,
                Map.of("ground", "not_related_to_identity", "note", "not the account holder")).status())
                .isEqualTo(200);
        assertThat(ids("overdue", AUDITOR)).contains(other).doesNotContain(request);

        clock.reset();
        assertThat(ids("overdue", AUDITOR)).doesNotContain(other);
    }

    @Test
    void consentWithdrawalCancellationAndAnExplainedDecisionThatIsAppealed() {
        String subject = register("CN");
        assertThat(call("POST", "/v1/subjects/" + subject + "/consents", COLLECTOR,
                Map.of("purpose", "personalised_membership")).status()).isEqualTo(201);
        String withdrawal = filed(subject, Map.of("kind", "consent_withdrawal", "purpose", "personalised_membership"));
        assertThat(verify(withdrawal).status()).isEqualTo(200);
        Response withdrawn = fulfil(withdrawal, Map.of("outcome", "front end confirmed to the subject"));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().get("request").get("answer").get("outcome").asText())
                .isEqualTo("consent withdrawn: personalised_membership: front end confirmed to the subject");
        assertThat(call("GET", "/v1/subjects/" + subject + "/consents", AUDITOR, null).json().get(0)
                .get("inForce").asBoolean()).isFalse();

        String decision = filed(subject, Map.of("kind", "automated_decision_explanation",
                "decisionReference", "credit-limit 2026-0301-77"));
        assertThat(verify(decision).status()).isEqualTo(200);
        Response bare = fulfil(decision, null);
        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.type()).endsWith("/explanation-required");
        assertThat(call("POST", "/v1/requests/" + decision + "/appeal", COLLECTOR, null).type())
                .endsWith("/appeal-not-possible");
        Map<String, Object> explanation = new LinkedHashMap<>();
        explanation.put("inputs", List.of("order_history", "fraud-model v3"));
        explanation.put("explanation", "Velocity rule R12 exceeded; see EXPL-2026-0142");
        Response explained = fulfil(decision, explanation);
        assertThat(explained.status()).as(explained.body()).isEqualTo(200);
        assertThat(explained.json().get("request").get("answer").get("explanation").get("inputs").toString())
                .contains("fraud-model v3");
        Response appealed = call("POST", "/v1/requests/" + decision + "/appeal", COLLECTOR, null);
        assertThat(appealed.status()).as(appealed.body()).isEqualTo(200);
        assertThat(appealed.json().get("appealedAt").asText()).isNotEmpty();
        assertThat(call("POST", "/v1/requests/" + decision + "/appeal", COLLECTOR, null).status()).isEqualTo(409);

        Map<String, String> member = collect(subject, "membership", "membership", Map.of("member_name",
                plant("lina")));
        String cancellation = filed(subject, Map.of("kind", "account_cancellation"));
        assertThat(verify(cancellation).status()).isEqualTo(200);
        Response cancelled = fulfil(cancellation, null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("request").get("answer").get("outcome").asText())
                .startsWith("account cancelled: subject erased");
        assertThat(detokenize(CUSTOMER_SERVICE, "membership", member.get("member_name")).status()).isEqualTo(410);
        assertThat(types(subject)).containsSubsequence("SubjectRequestFulfilled", "AutomatedDecisionAppealed",
                "SubjectRequestReceived", "SubjectIdentityVerified", "ErasureRequested", "DataSubjectErased",
                "SubjectRequestFulfilled");
    }

    private double gauge(String state) {
        String metrics = call("GET", "/actuator/prometheus", null, null).body();
        return metrics.lines().filter(l -> l.startsWith("vault_subject_requests_open{") && l.contains(
                        "state=\"" + state + "\"")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ')
                        + 1))).findFirst().orElseThrow(() -> new AssertionError("no gauge for " + state));
    }
}
