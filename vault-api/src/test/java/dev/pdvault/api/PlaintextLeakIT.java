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
        List<String> planted = List.of(name, address, phone, corrected, serviceNote, birthDate);

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
        call("POST", "/v1/subjects/" + subject + "/records", COLLECTOR, Map.of("category", "order", "purpose",
                "delivery", "source", "subject", "fields", Map.of("postal_code", name)));
        call("POST", "/v1/subjects/" + subject + "/records", COLLECTOR, Map.of("category", "nope", "purpose",
                "delivery", "source", "subject", "fields", Map.of("consignee_name", name)));

        assertThat(PlaintextScanner.tables(jdbc)).contains("domain_event_entry", "data_key", "token_ref",
                "subject_view", "subject_timeline", "access_ref", "token_entry", "snapshot_event_entry");
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
