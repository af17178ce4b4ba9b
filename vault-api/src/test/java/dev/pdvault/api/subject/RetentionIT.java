package dev.pdvault.api.subject;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.TestClock;
import dev.pdvault.api.VaultIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention, partial erasure and legal holds end to end over HTTP, with the vault's clock moved: the policy's
 * "not less than three years from the date of completion of the transaction", and holds that stop shredding.
 */
class RetentionIT extends VaultIntegrationTest {

    private static final Duration THREE_YEARS_AND_A_DAY = Duration.ofDays(3 * 366 + 1);

    @Autowired
    TestClock clock;

    private record Customer(String subject, String phoneToken, String nameToken, String orderCollection) {
    }

    /** A member with a phone (account class) and a completed order (transaction class). */
    private Customer customerWithACompletedOrder() {
        String subject = register("CN");
        Map<String, String> member = collect(subject, "membership", "membership", Map.of("phone", "+86 138 1111 2222"));
        Response order = call("POST", "/v1/subjects/" + subject + "/records", COLLECTOR, Map.of("category", "order",
                "purpose", "order_fulfilment", "source", "subject", "fields", Map.of("consignee_name", plant("Sun Li"))));
        assertThat(order.status()).isEqualTo(201);
        String collection = order.json().get("collectionId").asText();
        assertThat(call("POST", "/v1/subjects/" + subject + "/records/" + collection + "/completion", COLLECTOR, null)
                .status()).isEqualTo(204);
        return new Customer(subject, member.get("phone"), order.json().get("tokens").get("consignee_name").asText(),
                collection);
    }

    private List<String> types(String subject) {
        List<String> types = new ArrayList<>();
        call("GET", "/v1/subjects/" + subject + "/history", AUDITOR, null).json().get("events")
                .forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private Response legalRead(String token) {
        return call("POST", "/v1/detokenize", LEGAL, Map.of("tokens", List.of(token), "purpose", "legal_obligation",
                "legalBasis", Map.of("exception", "other_laws", "reference", "e-commerce-law-art31")));
    }

    private JsonNode sweep() {
        Response swept = call("POST", "/v1/retention/sweep", PRIVACY_OFFICER, null);
        assertThat(swept.status()).isEqualTo(200);
        return swept.json();
    }

    @Test
    void anErasureShredsTheProfileAtOnceAndKeepsOrderRecordsUntilThreeYearsAfterCompletion() {
        Customer c = customerWithACompletedOrder();
        Instant completed = jdbc.queryForObject("SELECT occurred_at FROM subject_timeline"
                + " WHERE subject_id = ?::uuid AND event_type = 'TransactionCompleted'", java.sql.Timestamp.class,
                c.subject()).toInstant();

        Response erased = call("DELETE", "/v1/subjects/" + c.subject(), PRIVACY_OFFICER, null);
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("status").asText()).isEqualTo("ERASED_RETAINING");
        assertThat(erased.json().get("destroyedKeys")).extracting(k -> k.get("keyClass").asText())
                .containsExactly("account");
        JsonNode retained = erased.json().get("retained").get(0);
        assertThat(retained.get("keyClass").asText()).isEqualTo("transaction");
        assertThat(Instant.parse(retained.get("until").asText()))
                .isEqualTo(completed.atZone(ZoneOffset.UTC).plusYears(3).toInstant());
        assertThat(erased.json().get("reachesBackups").asBoolean()).isFalse();

        // the profile is gone; the order record is kept, closed to every purpose but a legal obligation
        assertThat(detokenize(CUSTOMER_SERVICE, "membership", c.phoneToken()).status()).isEqualTo(410);
        assertThat(detokenize(LOGISTICS, "order_fulfilment", c.nameToken()).status()).isEqualTo(410);
        assertThat(legalRead(c.nameToken()).status()).isEqualTo(200);
        assertThat(legalRead(c.phoneToken()).status()).isEqualTo(410);

        assertThat(sweep().get("retainedShredded").toString()).doesNotContain(c.subject());
        clock.moveTo(THREE_YEARS_AND_A_DAY);
        assertThat(sweep().get("retainedShredded").toString()).contains(c.subject());

        assertThat(legalRead(c.nameToken()).status()).isEqualTo(410);
        JsonNode receipt = call("GET", "/v1/subjects/" + c.subject() + "/erasure", AUDITOR, null).json();
        assertThat(receipt.get("status").asText()).isEqualTo("ERASED");
        assertThat(receipt.get("retained").get(0).get("shreddedAt").asText()).isNotBlank();
        assertThat(receipt.get("destroyedKeys")).extracting(k -> k.get("keyClass").asText())
                .containsExactly("account", "transaction");
        assertThat(jdbc.queryForList("SELECT wrapped FROM data_key WHERE subject_id = ?::uuid", c.subject()))
                .allSatisfy(row -> assertThat(row.get("wrapped")).isNull());
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM token_ref WHERE subject_id = ?::uuid", String.class,
                c.subject())).containsExactly("ERASED");
        assertThat(types(c.subject())).containsSubsequence("TransactionCompleted", "ErasureRequested",
                "DataSubjectErased", "RetainedDataShredded");
        assertThat(sweep().get("retainedShredded").toString()).as("shredded once").doesNotContain(c.subject());
    }

    @Test
    void aLegalHoldStopsShreddingAndADeadlineThatPassedDuringItIsHonouredOnRelease() {
        Customer c = customerWithACompletedOrder();
        Response hold = call("POST", "/v1/subjects/" + c.subject() + "/legal-holds", LEGAL,
                Map.of("reference", "court order 2026-77"));
        assertThat(hold.status()).isEqualTo(201);
        String holdId = hold.json().get("holdId").asText();
        assertThat(call("POST", "/v1/subjects/" + c.subject() + "/legal-holds", PRIVACY_OFFICER,
                Map.of("reference", "x")).status()).as("only a LEGAL identity places holds").isEqualTo(403);

        Response held = call("DELETE", "/v1/subjects/" + c.subject(), PRIVACY_OFFICER, null);
        assertThat(held.status()).isEqualTo(202);
        assertThat(held.json().get("status").asText()).isEqualTo("HELD");
        assertThat(held.json().get("holds").get(0).get("reference").asText()).isEqualTo("court order 2026-77");
        assertThat(jdbc.queryForList("SELECT wrapped FROM data_key WHERE subject_id = ?::uuid AND wrapped IS NOT NULL",
                c.subject())).hasSize(2);
        assertThat(detokenize(CUSTOMER_SERVICE, "membership", c.phoneToken()).status())
                .as("held data is isolated from further processing").isEqualTo(410);
        assertThat(legalRead(c.phoneToken()).status()).isEqualTo(200);

        clock.moveTo(THREE_YEARS_AND_A_DAY);
        assertThat(sweep().get("held").toString()).contains(c.subject());
        assertThat(types(c.subject()).stream().filter("ShreddingRefused"::equals)).as("refusal recorded once")
                .hasSize(1);

        assertThat(call("DELETE", "/v1/subjects/" + c.subject() + "/legal-holds/" + holdId, LEGAL, null).status())
                .isEqualTo(204);
        JsonNode receipt = call("GET", "/v1/subjects/" + c.subject() + "/erasure", AUDITOR, null).json();
        assertThat(receipt.get("status").asText()).as("the order's deadline passed during the hold").isEqualTo("ERASED");
        assertThat(receipt.get("destroyedKeys")).extracting(k -> k.get("keyClass").asText())
                .containsExactly("account", "transaction");
        assertThat(legalRead(c.nameToken()).status()).isEqualTo(410);
        assertThat(types(c.subject())).containsSubsequence("LegalHoldPlaced", "ErasureRequested", "ShreddingRefused",
                "LegalHoldReleased", "DataSubjectErased");
        assertThat(call("DELETE", "/v1/subjects/" + c.subject() + "/legal-holds/" + holdId, LEGAL, null).status())
                .isEqualTo(404);
    }

    @Test
    void aHoldPlacedAfterErasureKeepsTheRetainedRecordsPastTheirDeadlineUntilReleased() {
        Customer c = customerWithACompletedOrder();
        assertThat(call("DELETE", "/v1/subjects/" + c.subject(), PRIVACY_OFFICER, null).status()).isEqualTo(200);
        String holdId = call("POST", "/v1/subjects/" + c.subject() + "/legal-holds", LEGAL,
                Map.of("reference", "audit 2029/3")).json().get("holdId").asText();

        clock.moveTo(THREE_YEARS_AND_A_DAY);
        JsonNode swept = sweep();
        assertThat(swept.get("held").toString()).contains(c.subject());
        assertThat(swept.get("retainedShredded").toString()).doesNotContain(c.subject());
        assertThat(legalRead(c.nameToken()).status()).isEqualTo(200);

        call("DELETE", "/v1/subjects/" + c.subject() + "/legal-holds/" + holdId, LEGAL, null);
        assertThat(legalRead(c.nameToken()).status()).isEqualTo(410);
        assertThat(types(c.subject())).containsSubsequence("DataSubjectErased", "LegalHoldPlaced", "ShreddingRefused",
                "LegalHoldReleased", "RetainedDataShredded");
    }

    @Test
    void anOrderThatNeverCompletesIsKeptWithoutADeadline() {
        String subject = register("CN");
        Map<String, String> order = collect(subject, "order", "delivery", Map.of("consignee_name", plant("Open")));
        JsonNode receipt = call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER, null).json();
        assertThat(receipt.get("retained").get(0).path("until").asText(null)).isNull();
        clock.moveTo(Duration.ofDays(3650));
        assertThat(sweep().get("retainedShredded").toString()).doesNotContain(subject);
        assertThat(legalRead(order.get("consignee_name")).status()).isEqualTo(200);
        assertThat(call("POST", "/v1/subjects/" + subject + "/records/00000000-0000-4000-8000-000000000009/completion",
                COLLECTOR, null).status()).isEqualTo(404);
    }

    @Test
    void recipientsAreToldToDeleteOnErasureAndToStopOnWithdrawal() {
        String subject = register("CN");
        assertThat(call("POST", "/v1/subjects/" + subject + "/consents", COLLECTOR,
                Map.of("purpose", "personalised_recommendation")).status()).isEqualTo(201);
        Map<String, String> log = collect(subject, "service_log", "personalised_recommendation",
                Map.of("browsing", plant("tents")));
        Map<String, String> order = collect(subject, "order", "delivery", Map.of("consignee_name", plant("Ma Rui"),
                "address", "2 Binjiang Road", "consignee_phone", "+86 139 2222 3333"));
        assertThat(call("POST", "/v1/shares", MARKETING, Map.of("recipient", "affiliate-group", "purpose",
                "personalised_recommendation", "tokens", List.of(log.get("browsing")))).status()).isEqualTo(201);
        assertThat(call("POST", "/v1/shares", ORDER_SERVICE, Map.of("recipient", "sf-express", "purpose", "delivery",
                "tokens", List.of(order.get("consignee_name")))).status()).isEqualTo(201);

        assertThat(call("DELETE", "/v1/subjects/" + subject + "/consents/personalised_recommendation", COLLECTOR,
                null).status()).isEqualTo(204);
        JsonNode stop = lastOfType(subject, "RecipientsNotified");
        assertThat(stop.get("notice").asText()).isEqualTo("STOP");
        assertThat(stop.get("recipients").toString()).isEqualTo("[\"affiliate-group\"]");

        JsonNode receipt = call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER, null).json();
        assertThat(receipt.get("recipientsNotified")).extracting(n -> n.get("recipient").asText())
                .containsExactly("affiliate-group", "sf-express");
        JsonNode erasure = lastOfType(subject, "RecipientsNotified");
        assertThat(erasure.get("notice").asText()).isEqualTo("ERASURE");
        assertThat(erasure.get("reference").asText()).isEqualTo(receipt.get("erasureId").asText());
    }

    private JsonNode lastOfType(String subject, String type) {
        JsonNode found = null;
        for (JsonNode e : call("GET", "/v1/subjects/" + subject + "/history", AUDITOR, null).json().get("events")) {
            if (e.get("type").asText().equals(type)) {
                found = e;
            }
        }
        assertThat(found).as(type).isNotNull();
        return found;
    }
}
