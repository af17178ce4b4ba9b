package dev.pdvault.api;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plants unique values through every write path, then scans every table the vault uses and the captured
 * logs (debug level for the vault, Axon, Spring web and JDBC) for them: before and after erasure.
 */
class PlaintextLeakIT extends VaultIntegrationTest {

    @Test
    void plantedValuesAppearInNoTableAndNoLogBeforeOrAfterErasure(CapturedOutput output) {
        String name = plant("Wang Fang");
        String address = plant("Room 1402 Chaoyang");
        String phone = "+86 135 " + (10_000_000 + (long) (Math.random() * 89_999_999L));
        String corrected = plant("Building 7 Haidian");
        String serviceNote = plant("complaint about parcel");
        String birthDate = "1987-0" + (1 + (int) (Math.random() * 8)) + "-1" + (int) (Math.random() * 9);
        String guardian = plant("Guardian Zhao");
        String gps = "3" + (int) (Math.random() * 9) + ".1234567,121.7654321";
        String amount = (100 + (int) (Math.random() * 800)) + ".37 CNY";
        List<String> planted = List.of(name, address, phone, corrected, serviceNote, birthDate, guardian, gps,
                amount);

        Response registered = call("POST", "/v1/subjects", COLLECTOR, Map.of("region", "CN", "birthDate", birthDate));
        String subject = registered.json().get("subjectId").asText();
        Map<String, String> order = collect(subject, "order", "delivery",
                Map.of("consignee_name", name, "address", address, "consignee_phone", phone));
        Map<String, String> service = collect(subject, "customer_service", "customer_service",
                Map.of("communication_record", serviceNote));
        assertThat(call("PUT", "/v1/tokens/" + order.get("address"), COLLECTOR, Map.of("value", corrected)).status())
                .isEqualTo(204);
        Response read = detokenize(LOGISTICS, "delivery", order.get("consignee_name"), order.get("address"),
                order.get("consignee_phone"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).contains(name, corrected, phone);
        assertThat(detokenize(CUSTOMER_SERVICE, "customer_service", service.get("communication_record")).body())
                .contains(serviceNote);
        assertThat(detokenize(PAYMENT, "payment", order.get("consignee_name")).status()).isEqualTo(403);
        // consent with a guardian named, sensitive data under consent, a share and the recipient's read
        assertThat(call("POST", "/v1/subjects/" + subject + "/consents", COLLECTOR, Map.of("purpose",
                "location_recommendation", "guardian", Map.of("guardian_name", guardian))).status()).isEqualTo(201);
        assertThat(call("POST", "/v1/subjects/" + subject + "/consents", COLLECTOR, Map.of("purpose",
                "location_recommendation", "category", "location")).status()).isEqualTo(201);
        Map<String, String> location = collect(subject, "location", "location_recommendation",
                Map.of("gps_location", gps));
        assertThat(detokenize(MARKETING, "location_recommendation", location.get("gps_location")).body()).contains(gps);
        Map<String, String> payment = collect(subject, "payment", "payment",
                Map.of("order_number", "ORD-" + plant("x").replace(" ", ""), "amount", amount));
        assertThat(call("POST", "/v1/shares", ORDER_SERVICE, Map.of("recipient", "visa", "purpose", "payment",
                "tokens", List.of(payment.get("amount")))).status()).isEqualTo(201);
        assertThat(detokenize(BANK, "payment", payment.get("amount")).body()).contains(amount);
        assertThat(call("POST", "/v1/detokenize", LEGAL, Map.of("tokens", List.of(location.get("gps_location")),
                "purpose", "legal_obligation", "legalBasis", Map.of("exception", "protection_of_life",
                        "reference", "rescue-77"))).body()).contains(gps);
        call("POST", "/v1/subjects/" + subject + "/records", COLLECTOR, Map.of("category", "order", "purpose",
                "delivery", "source", "subject", "fields", Map.of("postal_code", name)));
        call("POST", "/v1/subjects/" + subject + "/records", COLLECTOR, Map.of("category", "nope", "purpose",
                "delivery", "source", "subject", "fields", Map.of("consignee_name", name)));

        assertThat(PlaintextScanner.tables(jdbc)).contains("domain_event_entry", "data_key", "token_ref",
                "subject_view", "subject_timeline", "access_ref", "token_entry", "snapshot_event_entry",
                "subject_consent", "subject_opt_out", "policy_version", "share_grant", "credential_ref");
        assertThat(PlaintextScanner.findIn(jdbc, planted)).isEmpty();
        assertThat(PlaintextScanner.findInText(output.getAll(), planted)).isEmpty();

        assertThat(call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER, null).status()).isEqualTo(200);
        assertThat(detokenize(LOGISTICS, "delivery", order.get("consignee_name")).body()).doesNotContain(name);

        assertThat(PlaintextScanner.findIn(jdbc, planted)).isEmpty();
        assertThat(PlaintextScanner.findInText(output.getAll(), planted)).isEmpty();
        assertThat(output.getAll()).as("the logs scanned are the verbose ones")
                .contains("POST \"/v1/detokenize\"", "Writing [DetokenizeResponse", "Executing prepared SQL");
    }
}
