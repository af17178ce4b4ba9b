package dev.pdvault.api.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdvault.api.TestClock;
import dev.pdvault.api.VaultIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The point-in-time reports on a scripted history at fixed instants (register, collect, detokenize allowed and
 * refused, share allowed and refused, correct, erase with retention, a legal read, the retention sweep), each
 * checked against the exact expected rows, as JSON and as CSV; a planted plaintext is in no report.
 */
class AuditReportsIT extends VaultIntegrationTest {

    private static final Instant T0 = Instant.parse("2041-03-01T09:00:00Z");

    @Autowired
    TestClock clock;

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void reportsOnAScriptedHistoryEqualTheExpectedRows() throws Exception {
        String name = plant("Qian Mei");
        String phone = "+86 137 " + (1000 + (int) (Math.random() * 8999)) + " 4321";
        String corrected = "+86 136 " + (1000 + (int) (Math.random() * 8999)) + " 8765";

        clock.fixAt(at(0));
        Response registered = call("POST", "/v1/subjects", COLLECTOR, Map.of("region", "CN", "birthDate", "1990-05-17"));
        assertThat(registered.status()).isEqualTo(201);
        String s = registered.json().get("subjectId").asText();
        String birth = registered.json().get("birthDateToken").asText();
        clock.fixAt(at(1));
        String phoneToken = collect(s, "membership", "membership", Map.of("phone", phone)).get("phone");
        clock.fixAt(at(2));
        Response order = call("POST", "/v1/subjects/" + s + "/records", COLLECTOR, Map.of("category", "order",
                "purpose", "order_fulfilment", "source", "subject", "fields", Map.of("consignee_name", name)));
        assertThat(order.status()).isEqualTo(201);
        String nameToken = order.json().get("tokens").get("consignee_name").asText();
        clock.fixAt(at(3));
        assertThat(call("POST", "/v1/subjects/" + s + "/records/" + order.json().get("collectionId").asText()
                + "/completion", COLLECTOR, null).status()).isEqualTo(204);

        clock.fixAt(at(10));
        Response allowed = detokenize(LOGISTICS, "order_fulfilment", nameToken);
        assertThat(allowed.status()).isEqualTo(200);
        clock.fixAt(at(20));
        Response refused = detokenize(MARKETING, "advertising", nameToken);
        assertThat(refused.status()).isGreaterThanOrEqualTo(400);
        clock.fixAt(at(30));
        Response shared = call("POST", "/v1/shares", ORDER_SERVICE, Map.of("recipient", "sf-express", "purpose",
                "delivery", "tokens", List.of(nameToken)));
        assertThat(shared.status()).isEqualTo(201);
        clock.fixAt(at(40));
        Response shareRefused = call("POST", "/v1/shares", ORDER_SERVICE, Map.of("recipient", "visa", "purpose",
                "payment", "tokens", List.of(nameToken)));
        assertThat(shareRefused.status()).isEqualTo(403);
        clock.fixAt(at(50));
        assertThat(call("PUT", "/v1/tokens/" + phoneToken, COLLECTOR, Map.of("value", corrected)).status())
                .isEqualTo(204);
        clock.fixAt(at(60));
        assertThat(call("DELETE", "/v1/subjects/" + s, PRIVACY_OFFICER, null).status()).isEqualTo(200);
        clock.fixAt(at(70));
        Response legal = call("POST", "/v1/detokenize", LEGAL, Map.of("tokens", List.of(nameToken), "purpose",
                "legal_obligation", "legalBasis", Map.of("exception", "other_laws", "reference", "case-2041-17")));
        assertThat(legal.status()).isEqualTo(200);
        Instant swept = T0.plus(Duration.ofDays(3 * 366));
        clock.fixAt(swept);
        assertThat(call("POST", "/v1/retention/sweep", PRIVACY_OFFICER, null).status()).isEqualTo(200);
        clock.reset();

        String base = "/v1/reports/subjects/" + s;
        Row detokenized = new Row(at(10), "DETOKENIZED", "dev-logistics", null, "order_fulfilment", "CONTRACT", null,
                null, null, s, "order", "consignee_name", nameToken);
        Row refusal = new Row(at(20), "DETOKENIZATION_REFUSED", "dev-marketing", null, "advertising", null,
                "PURPOSE_NOT_ALLOWED_FOR_CATEGORY", null, null, s, "order", "consignee_name", nameToken);
        Row share = new Row(at(30), "SHARED", "dev-order-service", "sf-express", "delivery", "CONTRACT", null, null,
                null, s, "order", "consignee_name", nameToken);
        Row shareRefusal = new Row(at(40), "SHARE_REFUSED", "dev-order-service", "visa", "payment", null,
                "FIELD_NOT_ALLOWED_FOR_RECIPIENT", null, null, s, "order", "consignee_name", nameToken);
        Row legalRead = new Row(at(70), "DETOKENIZED", "dev-legal", null, "legal_obligation", "LEGAL_EXCEPTION", null,
                "OTHER_LAWS", "case-2041-17", s, "order", "consignee_name", nameToken);

        JsonNode all = report(base + "/accesses");
        assertThat(all.get("subjectId").asText()).isEqualTo(s);
        assertRows(all, detokenized, refusal, share, shareRefusal, legalRead);
        assertThat(all.get("rows").get(2).get("id").asText()).isEqualTo(shared.json().get("shareId").asText());
        assertThat(all.get("rows").findValuesAsText("id")).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[0-9a-f-]{36}"));
        assertCsv(base + "/accesses", all, detokenized, refusal, share, shareRefusal, legalRead);
        String range = "?from=" + at(15) + "&to=" + at(40);
        assertRows(report(base + "/accesses" + range), refusal, share);
        assertCsv(base + "/accesses" + range, report(base + "/accesses" + range), refusal, share);
        assertThat(report(base + "/accesses?from=" + at(71)).get("rows")).isEmpty();

        Holding birthHeld = new Holding(birth, "profile", "birth_date", "membership", "account", at(0), "HELD",
                null, null);
        Holding phoneHeld = new Holding(phoneToken, "membership", "phone", "membership", "account", at(1), "HELD",
                null, null);
        Holding nameHeld = new Holding(nameToken, "order", "consignee_name", "order_fulfilment", "transaction", at(2),
                "HELD", null, null);
        Holding phoneCorrected = new Holding(phoneToken, "membership", "phone", "membership", "account", at(1),
                "CORRECTED", at(50), null);
        Holding birthErased = new Holding(birth, "profile", "birth_date", "membership", "account", at(0), "ERASED",
                null, at(60));
        Holding phoneErased = new Holding(phoneToken, "membership", "phone", "membership", "account", at(1),
                "ERASED", at(50), at(60));
        Holding nameShredded = new Holding(nameToken, "order", "consignee_name", "order_fulfilment", "transaction",
                at(2), "ERASED", null, swept);
        assertHoldings(base + "/holdings?asOf=" + at(0).minusSeconds(1));
        assertHoldings(base + "/holdings?asOf=" + at(1), birthHeld, phoneHeld);
        assertHoldings(base + "/holdings?asOf=" + at(5), birthHeld, phoneHeld, nameHeld);
        assertHoldings(base + "/holdings?asOf=" + at(55), birthHeld, phoneCorrected, nameHeld);
        assertHoldings(base + "/holdings?asOf=" + at(65), birthErased, phoneErased, nameHeld);
        assertHoldings(base + "/holdings?asOf=" + swept, birthErased, phoneErased, nameShredded);

        String window = "?from=" + at(0) + "&to=" + at(100);
        assertRows(report("/v1/reports/callers/dev-logistics/accesses" + window), detokenized);
        JsonNode orderService = report("/v1/reports/callers/dev-order-service/accesses" + window);
        assertRows(orderService, share, shareRefusal);
        assertCsv("/v1/reports/callers/dev-order-service/accesses" + window, orderService, share, shareRefusal);
        assertRows(report("/v1/reports/callers/dev-legal/accesses" + window), legalRead);
        JsonNode sf = report("/v1/reports/recipients/sf-express/received" + window);
        assertRows(sf, share);
        assertCsv("/v1/reports/recipients/sf-express/received" + window, sf, share);
        assertRows(report("/v1/reports/recipients/visa/received" + window), shareRefusal);

        // no plaintext, ever: not the name, nor the phone before or after its correction, nor the birth date
        List<String> paths = List.of(base + "/accesses", base + "/holdings?asOf=" + at(55),
                base + "/holdings?asOf=" + swept, "/v1/reports/callers/dev-order-service/accesses",
                "/v1/reports/callers/dev-logistics/accesses", "/v1/reports/callers/dev-legal/accesses",
                "/v1/reports/recipients/sf-express/received");
        for (String path : paths) {
            for (String body : List.of(call("GET", path, AUDITOR, null).body(), csv(path).body(),
                    call("GET", path + (path.contains("?") ? "&" : "?") + "format=csv", PRIVACY_OFFICER, null).body())) {
                assertThat(body).isNotBlank().doesNotContain(name, phone, corrected, "1990-05-17", "Qian Mei");
            }
        }
        assertThat(allowed.body()).contains(name);
        assertThat(legal.body()).contains(name);
    }

    @Test
    void reportsAreForAuditorsAndPrivacyOfficersAndRefuseBadInput() {
        String s = register("CN");
        assertThat(call("GET", "/v1/reports/subjects/" + s + "/accesses", PRIVACY_OFFICER, null).status())
                .isEqualTo(200);
        for (String key : List.of(COLLECTOR, LOGISTICS, SECURITY_OFFICER, LEGAL)) {
            assertThat(call("GET", "/v1/reports/subjects/" + s + "/holdings", key, null).status()).isEqualTo(403);
            assertThat(call("GET", "/v1/reports/callers/dev-logistics/accesses", key, null).status()).isEqualTo(403);
            assertThat(call("GET", "/v1/reports/recipients/visa/received", key, null).status()).isEqualTo(403);
        }
        assertThat(call("GET", "/v1/reports/subjects/" + s + "/accesses", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/reports/subjects/" + s + "/accesses?from=yesterday", AUDITOR, null).type())
                .endsWith("/invalid-time");
        assertThat(call("GET", "/v1/reports/subjects/" + s + "/holdings?format=xml", AUDITOR, null).type())
                .endsWith("/invalid-format");
        assertThat(call("GET", "/v1/reports/subjects/not-a-subject/holdings", AUDITOR, null).status()).isEqualTo(400);
    }

    /** An expected access row, with one field; its id is checked apart (refusals return none). */
    private record Row(Instant at, String outcome, String caller, String recipient, String purpose, String basis,
                       String reason, String legalException, String legalReference, String subjectId,
                       String category, String field, String token) {

        String csv(String id) {
            return String.join(",", at.toString(), outcome, id, caller, n(recipient), purpose, n(basis), n(reason),
                    n(legalException), n(legalReference), "", "", subjectId + "/" + category + "." + field + "=" + token);
        }
    }

    private record Holding(String token, String category, String field, String purpose, String keyClass,
                           Instant collectedAt, String state, Instant correctedAt, Instant erasedAt) {

        String csv() {
            return String.join(",", token, category, field, purpose, keyClass, collectedAt.toString(), state,
                    correctedAt == null ? "" : correctedAt.toString(), erasedAt == null ? "" : erasedAt.toString());
        }
    }

    private static String n(String value) {
        return value == null ? "" : value;
    }

    private JsonNode report(String path) {
        Response r = call("GET", path, AUDITOR, null);
        assertThat(r.status()).as(path).isEqualTo(200);
        assertThat(r.headers().get("content-type").get(0)).startsWith("application/json");
        return r.json();
    }

    private void assertRows(JsonNode report, Row... expected) {
        ArrayNode actual = ((ArrayNode) report.get("rows")).deepCopy();
        actual.forEach(row -> ((ObjectNode) row).remove("id"));
        ArrayNode want = json.createArrayNode();
        for (Row r : expected) {
            ObjectNode row = want.addObject();
            row.put("at", r.at().toString()).put("outcome", r.outcome()).put("caller", r.caller());
            put(row, "recipient", r.recipient());
            row.put("purpose", r.purpose());
            put(row, "basis", r.basis());
            put(row, "reason", r.reason());
            put(row, "legalException", r.legalException());
            put(row, "legalReference", r.legalReference());
            row.putArray("fields").addObject().put("subjectId", r.subjectId()).put("category", r.category())
                    .put("field", r.field()).put("token", r.token());
        }
        assertThat(actual).isEqualTo(want);
    }

    private static void put(ObjectNode row, String key, String value) {
        if (value != null) {
            row.put(key, value);
        }
    }

    private void assertCsv(String path, JsonNode report, Row... expected) throws Exception {
        StringBuilder want = new StringBuilder(ReportController.ACCESS_HEADER).append("\r\n");
        for (int i = 0; i < expected.length; i++) {
            want.append(expected[i].csv(report.get("rows").get(i).get("id").asText())).append("\r\n");
        }
        HttpResponse<String> byAccept = csv(path);
        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(byAccept.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
        assertThat(byAccept.body()).isEqualTo(want.toString());
        String byFormat = call("GET", path + (path.contains("?") ? "&" : "?") + "format=csv", AUDITOR, null).body();
        assertThat(byFormat).isEqualTo(want.toString());
    }

    private void assertHoldings(String path, Holding... expected) throws Exception {
        ArrayNode want = json.createArrayNode();
        StringBuilder csv = new StringBuilder(ReportController.HOLDING_HEADER).append("\r\n");
        for (Holding h : expected) {
            ObjectNode row = want.addObject();
            row.put("token", h.token()).put("category", h.category()).put("field", h.field())
                    .put("purpose", h.purpose()).put("keyClass", h.keyClass())
                    .put("collectedAt", h.collectedAt().toString()).put("state", h.state());
            if (h.correctedAt() != null) {
                row.put("correctedAt", h.correctedAt().toString());
            }
            if (h.erasedAt() != null) {
                row.put("erasedAt", h.erasedAt().toString());
            }
            csv.append(h.csv()).append("\r\n");
        }
        assertThat(report(path).get("rows")).as(path).isEqualTo(want);
        assertThat(csv(path).body()).as(path).isEqualTo(csv.toString());
    }

    private HttpResponse<String> csv(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + AUDITOR).header("Accept", "text/csv").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
