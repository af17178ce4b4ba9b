package dev.pdvault.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole life of a subject over HTTP on real PostgreSQL, with its history checked event by event. */
class VaultEndToEndIT extends VaultIntegrationTest {

    @Test
    void registerCollectDetokenizeEraseThenGone() {
        Response registered = call("POST", "/v1/subjects", COLLECTOR, Map.of("region", "CN", "birthDate", "1990-05-01"));
        assertThat(registered.status()).isEqualTo(201);
        String subject = registered.json().get("subjectId").asText();
        assertThat(registered.headers().get("location")).containsExactly("/v1/subjects/" + subject);
        String birthToken = registered.json().get("birthDateToken").asText();

        String name = plant("Li Na");
        Map<String, String> tokens = collect(subject, "order", "delivery", Map.of("consignee_name", name,
                "address", "88 Jianguo Road, Beijing", "postal_code", "100022", "consignee_phone", "+86 139 1234 5678"));
        assertThat(tokens).containsOnlyKeys("consignee_name", "address", "postal_code", "consignee_phone");
        assertThat(tokens.values()).allMatch(t -> t.matches("tok_[0-9a-z]{26}")).doesNotHaveDuplicates();
        String nameToken = tokens.get("consignee_name");

        Response allowed = detokenize(LOGISTICS, "delivery", nameToken, tokens.get("postal_code"));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().get("values").get(nameToken).asText()).isEqualTo(name);
        assertThat(allowed.json().get("values").get(tokens.get("postal_code")).asText()).isEqualTo("100022");

        Response wrongPurpose = detokenize(PAYMENT, "payment", nameToken);
        assertThat(wrongPurpose.status()).isEqualTo(403);
        assertThat(wrongPurpose.type()).isEqualTo("https://pdvault.dev/problems/purpose-not-allowed-for-category");
        assertThat(wrongPurpose.body()).doesNotContain(name);

        Response notGranted = detokenize(LOGISTICS, "payment", nameToken);
        assertThat(notGranted.status()).isEqualTo(403);
        assertThat(notGranted.type()).endsWith("/purpose-not-granted");

        Response collectorTries = detokenize(COLLECTOR, "delivery", nameToken);
        assertThat(collectorTries.status()).isEqualTo(403);
        assertThat(collectorTries.type()).endsWith("/caller-may-not-detokenize");

        Response unknown = detokenize(LOGISTICS, "delivery", "tok_00000000000000000000000000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.type()).endsWith("/unknown-token");

        Response birth = detokenize(CUSTOMER_SERVICE, "membership", birthToken);
        assertThat(birth.status()).isEqualTo(200);
        assertThat(birth.json().get("values").get(birthToken).asText()).isEqualTo("1990-05-01");

        Response erased = call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER, null);
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("erasureId").asText()).isNotBlank();
        assertThat(erased.json().get("completedAt").asText()).isNotBlank();
        List<String> destroyedClasses = new ArrayList<>();
        erased.json().get("destroyedKeys").forEach(k -> destroyedClasses.add(k.get("keyClass").asText()));
        assertThat(destroyedClasses).as("the order is a transaction record: kept by law").containsExactly("account");
        assertThat(erased.json().get("status").asText()).isEqualTo("ERASED_RETAINING");
        assertThat(erased.json().get("retained").get(0).get("keyClass").asText()).isEqualTo("transaction");
        assertThat(erased.json().get("retained").get(0).path("until").asText(null))
                .as("the order never completed, so its deadline is not known yet").isNull();
        assertThat(erased.json().get("reachesBackups").asBoolean()).isFalse();

        Response afterErasure = detokenize(LOGISTICS, "delivery", nameToken);
        assertThat(afterErasure.status()).isEqualTo(410);
        assertThat(afterErasure.type()).endsWith("/data-erased");
        assertThat(afterErasure.body()).doesNotContain(name);
        for (String token : tokens.values()) {
            assertThat(detokenize(LOGISTICS, "delivery", token).status()).isEqualTo(410);
        }

        Response again = call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("erasureId").asText()).isEqualTo(erased.json().get("erasureId").asText());

        Response moreData = call("POST", "/v1/subjects/" + subject + "/records", COLLECTOR, Map.of("category",
                "membership", "purpose", "membership", "source", "subject", "fields", Map.of("phone", "+86 1380013")));
        assertThat(moreData.status()).isEqualTo(410);
        assertThat(moreData.type()).endsWith("/subject-erased");

        Response history = call("GET", "/v1/subjects/" + subject + "/history", AUDITOR, null);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).doesNotContain(name).doesNotContain("1990-05-01");
        JsonNode events = history.json().get("events");
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactly(
                "DataSubjectRegistered",
                "PersonalDataCollected",
                "PersonalDataDetokenized",
                "DetokenizationRefused",
                "DetokenizationRefused",
                "DetokenizationRefused",
                "PersonalDataDetokenized",
                "ErasureRequested",
                "DataSubjectErased",
                "DetokenizationRefused", "DetokenizationRefused", "DetokenizationRefused", "DetokenizationRefused",
                "DetokenizationRefused",
                "ErasureRefused",
                "CollectionRefused");
        assertThat(events.get(0).get("region").asText()).isEqualTo("CN");
        assertThat(events.get(0).get("ageBand").asText()).isEqualTo("ADULT");
        assertThat(events.get(1).get("category").asText()).isEqualTo("order");
        assertThat(events.get(1).get("purpose").asText()).isEqualTo("delivery");
        assertThat(events.get(1).get("caller").asText()).isEqualTo("dev-collector");
        assertThat(events.get(1).get("fields")).hasSize(4).allSatisfy(f ->
                assertThat(f.get("value").asText()).as("retained by law, closed to every purpose")
                        .isEqualTo("[sealed]"));
        assertThat(events.get(2).get("caller").asText()).isEqualTo("dev-logistics");
        assertThat(events.get(2).get("purpose").asText()).isEqualTo("delivery");
        assertThat(events.get(2).get("fields")).hasSize(2);
        assertThat(events.get(3).get("reason").asText()).isEqualTo("PURPOSE_NOT_ALLOWED_FOR_CATEGORY");
        assertThat(events.get(3).get("caller").asText()).isEqualTo("dev-payment");
        assertThat(events.get(4).get("reason").asText()).isEqualTo("PURPOSE_NOT_GRANTED_TO_CALLER");
        assertThat(events.get(5).get("reason").asText()).isEqualTo("CALLER_MAY_NOT_DETOKENIZE");
        assertThat(events.get(6).get("caller").asText()).isEqualTo("dev-customer-service");
        assertThat(events.get(7).get("caller").asText()).isEqualTo("dev-privacy-officer");
        assertThat(events.get(8).get("destroyedKeys")).hasSize(1);
        assertThat(events.get(9).get("reason").asText()).isEqualTo("DATA_ERASED");
        assertThat(events.get(14).get("reason").asText()).isEqualTo("ALREADY_ERASED");
        assertThat(events.get(15).get("reason").asText()).isEqualTo("SUBJECT_ERASED");
    }

    @Test
    void correctionKeepsTheTokenAndChangesTheValue() {
        String subject = register("CN");
        Map<String, String> tokens = collect(subject, "order", "delivery", Map.of("address", "1 Old Street"));
        Response corrected = call("PUT", "/v1/tokens/" + tokens.get("address"), COLLECTOR,
                Map.of("value", "2 New Street"));
        assertThat(corrected.status()).isEqualTo(204);
        Response read = detokenize(LOGISTICS, "delivery", tokens.get("address"));
        assertThat(read.json().get("values").get(tokens.get("address")).asText()).isEqualTo("2 New Street");

        Response badValue = call("PUT", "/v1/tokens/" + tokens.get("address"), COLLECTOR, Map.of("value", ""));
        assertThat(badValue.status()).isEqualTo(400);
        Response unknown = call("PUT", "/v1/tokens/tok_00000000000000000000000000", COLLECTOR, Map.of("value", "x"));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void noCredentialsIsUnauthorizedAndWrongRoleIsForbidden() {
        Response none = call("POST", "/v1/subjects", null, Map.of("region", "CN"));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.type()).endsWith("/unauthenticated");
        Response badKey = call("POST", "/v1/subjects", "not-a-key", Map.of("region", "CN"));
        assertThat(badKey.status()).isEqualTo(401);
        Response wrongRole = call("POST", "/v1/subjects", LOGISTICS, Map.of("region", "CN"));
        assertThat(wrongRole.status()).isEqualTo(403);
        assertThat(wrongRole.type()).endsWith("/role-not-permitted");
        Response erasureByCollector = call("DELETE", "/v1/subjects/" + register("CN"), COLLECTOR, null);
        assertThat(erasureByCollector.status()).isEqualTo(403);
    }

    @Test
    void openApiAndHealthNeedNoKey() {
        Response openapi = call("GET", "/v1/openapi", null, null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().get("paths").has("/v1/detokenize")).isTrue();
        assertThat(call("GET", "/v1/openapi.yaml", null, null).body()).contains("/v1/detokenize");
        assertThat(call("GET", "/actuator/health", null, null).json().get("status").asText()).isEqualTo("UP");
    }
}
