package dev.pdvault.api.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.VaultIntegrationTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfers (Three (2)), public disclosures (Three (3)) and aggregated statistics for advertising clients
 * (Three (1) 5. (3)) over HTTP, on the real catalogue (minimumAggregateGroup 10).
 */
class DisclosureIT extends VaultIntegrationTest {

    private static final String BUYER = "Acme Holdings Ltd.";

    private void consent(String subject, String purpose) {
        Response r = call("POST", "/v1/subjects/" + subject + "/consents", COLLECTOR, Map.of("purpose", purpose));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private Response transfer(String apiKey, Map<String, Object> body) {
        return call("POST", "/v1/transfers", apiKey, body);
    }

    private static Map<String, Object> transferBody(String basis, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisation", BUYER);
        body.put("basis", basis);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private List<JsonNode> history(String subject) {
        Response r = call("GET", "/v1/subjects/" + subject + "/history", AUDITOR, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return StreamSupport.stream(r.json().get("events").spliterator(), false).toList();
    }

    private List<JsonNode> historyOf(String subject, String type) {
        return history(subject).stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    private String payloadOf(String aggregateId) {
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?",
                byte[].class, aggregateId);
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Test
    void aTransferByConsentNeedsEverySubjectsConsentAndIsOnTheirHistory() {
        String alice = register("CN");
        String bob = register("CN");
        String carol = register("CN");
        consent(alice, "transfer");
        consent(bob, "transfer");

        Response allowed = transfer(PRIVACY_OFFICER, transferBody("CONSENT", "subjects", List.of(alice, bob)));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(201);
        assertThat(allowed.json().get("basis").asText()).isEqualTo("CONSENT");
        assertThat(allowed.json().get("subjects").asInt()).isEqualTo(2);
        String transferId = allowed.json().get("transferId").asText();
        assertThat(payloadOf(transferId)).contains(alice, bob, BUYER);

        long before = eventCount();
        Response refused = transfer(PRIVACY_OFFICER, transferBody("CONSENT", "subjects", List.of(alice, carol)));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.type()).endsWith("/consent-required");
        assertThat(refused.json().get("refusedSubjects")).hasSize(1);
        assertThat(refused.json().get("refusedSubjects").get(0).asText()).isEqualTo(carol);
        assertThat(eventCount()).isEqualTo(before + 1);
        assertThat(jdbc.queryForObject("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, refused.json().get("transferId").asText())).endsWith(".TransferRefused");

        List<JsonNode> aliceTransfers = historyOf(alice, "PersonalDataTransferred");
        assertThat(aliceTransfers).hasSize(1);
        assertThat(aliceTransfers.get(0).get("organisation").asText()).isEqualTo(BUYER);
        assertThat(aliceTransfers.get(0).get("basis").asText()).isEqualTo("CONSENT");
        assertThat(aliceTransfers.get(0).get("transferId").asText()).isEqualTo(transferId);
        assertThat(aliceTransfers.get(0).get("caller").asText()).isEqualTo("dev-privacy-officer");
        List<JsonNode> aliceRefusals = historyOf(alice, "TransferRefused");
        assertThat(aliceRefusals).hasSize(1);
        assertThat(aliceRefusals.get(0).get("reason").asText()).isEqualTo("CONSENT_MISSING");
        assertThat(aliceRefusals.get(0).get("refused").asBoolean()).isFalse();
        assertThat(historyOf(carol, "TransferRefused").get(0).get("refused").asBoolean()).isTrue();
        assertThat(call("GET", "/v1/subjects/" + alice + "/history", AUDITOR, null).body())
                .doesNotContain(bob).doesNotContain(carol);
        assertThat(historyOf(carol, "PersonalDataTransferred")).isEmpty();
    }

    @Test
    void aMergerTransfersOnlyToASuccessorBoundByThePolicy() {
        String subject = register("CN");

        Response unbound = transfer(PRIVACY_OFFICER, transferBody("MERGER_ACQUISITION_OR_BANKRUPTCY",
                "reference", "MA-2026-11", "subjects", List.of(subject)));
        assertThat(unbound.status()).as(unbound.body()).isEqualTo(403);
        assertThat(unbound.type()).endsWith("/successor-not-bound-by-policy");
        assertThat(unbound.json().get("detail").asText()).contains("consent must be sought again");

        Response noReference = transfer(PRIVACY_OFFICER, transferBody("MERGER_ACQUISITION_OR_BANKRUPTCY",
                "successorBoundByPolicy", true, "subjects", List.of(subject)));
        assertThat(noReference.type()).endsWith("/reference-required");

        Response bound = transfer(PRIVACY_OFFICER, transferBody("MERGER_ACQUISITION_OR_BANKRUPTCY",
                "reference", "MA-2026-11", "successorBoundByPolicy", true, "subjects", List.of(subject)));
        assertThat(bound.status()).as(bound.body()).isEqualTo(201);

        List<JsonNode> transfers = historyOf(subject, "PersonalDataTransferred");
        assertThat(transfers).hasSize(1);
        assertThat(transfers.get(0).get("basis").asText()).isEqualTo("MERGER_ACQUISITION_OR_BANKRUPTCY");
        assertThat(transfers.get(0).get("reference").asText()).isEqualTo("MA-2026-11");
        assertThat(transfers.get(0).get("successorBoundByPolicy").asBoolean()).isTrue();
        assertThat(historyOf(subject, "TransferRefused")).extracting(e -> e.get("reason").asText())
                .containsExactly("SUCCESSOR_NOT_BOUND_BY_POLICY", "REFERENCE_REQUIRED");
    }

    @Test
    void erasedSubjectsAreNotTransferredAndLegalExceptionsAreForLegalIdentitiesOnly() {
        String erased = register("CN");
        consent(erased, "transfer");
        assertThat(call("DELETE", "/v1/subjects/" + erased, PRIVACY_OFFICER, null).status()).isEqualTo(200);
        Response gone = transfer(PRIVACY_OFFICER, transferBody("CONSENT", "subjects", List.of(erased)));
        assertThat(gone.status()).as(gone.body()).isEqualTo(410);
        assertThat(gone.type()).endsWith("/data-erased");

        String subject = register("CN");
        Map<String, Object> legal = Map.of("exception", "CRIMINAL_INVESTIGATION", "reference", "case 2026/0999");
        Response byOfficer = transfer(PRIVACY_OFFICER, transferBody("LEGAL_EXCEPTION", "subjects", List.of(subject),
                "legalBasis", legal));
        assertThat(byOfficer.type()).endsWith("/legal-exception-not-permitted");
        Response byLegal = transfer(LEGAL, transferBody("LEGAL_EXCEPTION", "subjects", List.of(subject),
                "legalBasis", legal));
        assertThat(byLegal.status()).as(byLegal.body()).isEqualTo(201);
        Response legalOnConsent = transfer(LEGAL, transferBody("CONSENT", "subjects", List.of(subject)));
        assertThat(legalOnConsent.type()).endsWith("/caller-may-not-disclose");

        String unknown = "00000000-0000-4000-8000-00000000beef";
        Response unknownSubject = transfer(PRIVACY_OFFICER, transferBody("MERGER_ACQUISITION_OR_BANKRUPTCY",
                "reference", "MA-2026-11", "successorBoundByPolicy", true, "subjects", List.of(subject, unknown)));
        assertThat(unknownSubject.status()).isEqualTo(404);
        assertThat(unknownSubject.type()).endsWith("/unknown-subject");
    }

    @Test
    void aPublicDisclosureByConsentOrForAViolationOfRulesNamesItsTokensOnTheHistory() {
        String consenting = register("CN");
        String violator = register("CN");
        String name = collect(consenting, "membership", "membership", Map.of("member_name", plant("Shop"))).get("member_name");
        Map<String, String> violatorTokens = collect(violator, "membership", "membership",
                Map.of("member_name", plant("Counterfeit Shop"), "phone", "+86 138 0000 0000"));
        consent(consenting, "public_disclosure");

        Response allowed = call("POST", "/v1/disclosures", PRIVACY_OFFICER,
                Map.of("tokens", List.of(name), "basis", "CONSENT"));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(201);
        String disclosureId = allowed.json().get("disclosureId").asText();

        long before = eventCount();
        Response refused = call("POST", "/v1/disclosures", PRIVACY_OFFICER,
                Map.of("tokens", List.of(violatorTokens.get("member_name")), "basis", "CONSENT"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.type()).endsWith("/consent-required");
        assertThat(eventCount()).isEqualTo(before + 1);

        Response violation = call("POST", "/v1/disclosures", PRIVACY_OFFICER, Map.of("tokens",
                List.of(violatorTokens.get("member_name")), "basis", "VIOLATION_OF_RULES", "reference", "V-2026-031"));
        assertThat(violation.status()).as(violation.body()).isEqualTo(201);
        Response phone = call("POST", "/v1/disclosures", PRIVACY_OFFICER, Map.of("tokens",
                List.of(violatorTokens.get("phone")), "basis", "VIOLATION_OF_RULES", "reference", "V-2026-031"));
        assertThat(phone.status()).isEqualTo(403);
        assertThat(phone.type()).endsWith("/category-not-disclosable");
        Response noReference = call("POST", "/v1/disclosures", PRIVACY_OFFICER, Map.of("tokens",
                List.of(violatorTokens.get("member_name")), "basis", "VIOLATION_OF_RULES"));
        assertThat(noReference.type()).endsWith("/reference-required");

        List<JsonNode> disclosed = historyOf(consenting, "PersonalDataPubliclyDisclosed");
        assertThat(disclosed).hasSize(1);
        assertThat(disclosed.get(0).get("disclosureId").asText()).isEqualTo(disclosureId);
        assertThat(disclosed.get(0).get("basis").asText()).isEqualTo("CONSENT");
        assertThat(disclosed.get(0).get("fields").get(0).get("token").asText()).isEqualTo(name);
        assertThat(disclosed.get(0).get("fields").get(0).get("value").asText()).isEqualTo("[sealed]");
        List<JsonNode> violatorHistory = historyOf(violator, "PersonalDataPubliclyDisclosed");
        assertThat(violatorHistory).hasSize(1);
        assertThat(violatorHistory.get(0).get("basis").asText()).isEqualTo("VIOLATION_OF_RULES");
        assertThat(violatorHistory.get(0).get("reference").asText()).isEqualTo("V-2026-031");
        assertThat(historyOf(violator, "PublicDisclosureRefused")).extracting(e -> e.get("reason").asText())
                .containsExactlyInAnyOrder("CONSENT_MISSING", "CATEGORY_NOT_DISCLOSABLE", "REFERENCE_REQUIRED");

        assertThat(call("DELETE", "/v1/subjects/" + consenting, PRIVACY_OFFICER, null).status()).isEqualTo(200);
        Response erased = call("POST", "/v1/disclosures", PRIVACY_OFFICER,
                Map.of("tokens", List.of(name), "basis", "CONSENT"));
        assertThat(erased.status()).isEqualTo(410);
        assertThat(erased.type()).endsWith("/data-erased");
    }

    @Test
    void statisticsReleaseOnlyGroupsOfTheMinimumSizeAndNameNoSubjectOrToken() {
        List<String> ids = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String s = register("SG");
            ids.add(s);
            consent(s, "advertising");
            tokens.addAll(collect(s, "service_log", "advertising", Map.of("search_query", plant("shoes"))).values());
        }
        assertThat(call("DELETE", "/v1/subjects/" + ids.get(10), PRIVACY_OFFICER, null).status()).isEqualTo(200);
        String optedOut = register("SG");
        ids.add(optedOut);
        consent(optedOut, "advertising");
        assertThat(call("PUT", "/v1/subjects/" + optedOut + "/opt-outs/targeting", COLLECTOR, null).status())
                .isEqualTo(204);
        String withdrawn = register("SG");
        ids.add(withdrawn);
        consent(withdrawn, "advertising");
        assertThat(call("DELETE", "/v1/subjects/" + withdrawn + "/consents/advertising", COLLECTOR, null).status())
                .isEqualTo(204);
        ids.add(register("SG"));
        for (int i = 0; i < 3; i++) {
            String s = register("NZ");
            ids.add(s);
            consent(s, "advertising");
        }

        Response r = call("POST", "/v1/statistics", MARKETING,
                Map.of("recipient", "ad-partner", "purpose", "advertising", "groupBy", List.of("region")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("minimumGroupSize").asInt()).isEqualTo(10);
        Map<String, Integer> groups = new LinkedHashMap<>();
        r.json().get("groups").forEach(g -> groups.put(g.get("region").asText(), g.get("subjects").asInt()));
        assertThat(groups).containsEntry("SG", 10).doesNotContainKey("NZ");
        assertThat(r.json().get("groupsSuppressed").asInt()).isGreaterThanOrEqualTo(1);
        String releaseId = r.json().get("releaseId").asText();
        String event = payloadOf(releaseId);
        assertThat(jdbc.queryForObject("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, releaseId)).endsWith(".AggregateStatisticsReleased");
        assertThat(event).contains("\"groupsReleased\":" + groups.size())
                .contains("\"groupsSuppressed\":" + r.json().get("groupsSuppressed").asInt());
        for (String text : List.of(r.body(), event)) {
            assertThat(text).doesNotContain("tok_");
            ids.forEach(id -> assertThat(text).doesNotContain(id));
            tokens.forEach(t -> assertThat(text).doesNotContain(t));
        }

        Response both = call("POST", "/v1/statistics", MARKETING,
                Map.of("recipient", "ad-partner", "purpose", "advertising", "groupBy", List.of("region", "age_band")));
        assertThat(both.status()).isEqualTo(201);
        assertThat(both.json().get("groups")).anySatisfy(g -> {
            assertThat(g.get("region").asText()).isEqualTo("SG");
            assertThat(g.get("age_band").asText()).isEqualTo("UNKNOWN");
            assertThat(g.get("subjects").asInt()).isEqualTo(10);
        });

        long before = eventCount();
        Response bank = call("POST", "/v1/statistics", MARKETING,
                Map.of("recipient", "visa", "purpose", "advertising", "groupBy", List.of("region")));
        assertThat(bank.status()).isEqualTo(403);
        assertThat(bank.type()).endsWith("/not-an-advertising-client");
        Response logistics = call("POST", "/v1/statistics", LOGISTICS,
                Map.of("recipient", "ad-partner", "purpose", "advertising", "groupBy", List.of("region")));
        assertThat(logistics.type()).endsWith("/purpose-not-granted");
        assertThat(eventCount()).isEqualTo(before + 2);
    }

    @Test
    void badInputIsAProblemAndStoresNothing() {
        String subject = register("CN");
        String token = collect(subject, "membership", "membership", Map.of("member_name", plant("Shop")))
                .get("member_name");
        record Case(String what, String path, String key, Object body, int status, String type) {
        }
        Map<String, Object> legal = Map.of("exception", "CRIMINAL_INVESTIGATION", "reference", "case 1");
        List<Case> cases = List.of(
                new Case("blank organisation", "/v1/transfers", PRIVACY_OFFICER,
                        Map.of("organisation", " ", "basis", "CONSENT", "subjects", List.of(subject)), 400,
                        "invalid-request"),
                new Case("organisation with markup", "/v1/transfers", PRIVACY_OFFICER,
                        Map.of("organisation", "<b>Acme</b>", "basis", "CONSENT", "subjects", List.of(subject)), 400,
                        "invalid-organisation"),
                new Case("unknown transfer basis", "/v1/transfers", PRIVACY_OFFICER,
                        Map.of("organisation", BUYER, "basis", "FRIENDSHIP", "subjects", List.of(subject)), 400,
                        "unknown-basis"),
                new Case("a disclosure basis for a transfer", "/v1/transfers", PRIVACY_OFFICER,
                        Map.of("organisation", BUYER, "basis", "VIOLATION_OF_RULES", "subjects", List.of(subject)), 400,
                        "unknown-basis"),
                new Case("no subjects", "/v1/transfers", PRIVACY_OFFICER,
                        Map.of("organisation", BUYER, "basis", "CONSENT", "subjects", List.of()), 400,
                        "invalid-subject-count"),
                new Case("malformed subject id", "/v1/transfers", PRIVACY_OFFICER,
                        Map.of("organisation", BUYER, "basis", "CONSENT", "subjects", List.of("alice")), 400,
                        "invalid-subject-id"),
                new Case("legal basis with consent", "/v1/transfers", LEGAL,
                        Map.of("organisation", BUYER, "basis", "CONSENT", "subjects", List.of(subject),
                                "legalBasis", legal), 400, "legal-basis-mismatch"),
                new Case("legal exception without its basis", "/v1/transfers", LEGAL,
                        Map.of("organisation", BUYER, "basis", "LEGAL_EXCEPTION", "subjects", List.of(subject)), 400,
                        "legal-basis-mismatch"),
                new Case("free text as reference", "/v1/transfers", PRIVACY_OFFICER,
                        Map.of("organisation", BUYER, "basis", "MERGER_ACQUISITION_OR_BANKRUPTCY",
                                "subjects", List.of(subject), "reference", "<Li Na's deal>"), 400,
                        "invalid-field-value"),
                new Case("a collector may not transfer", "/v1/transfers", COLLECTOR,
                        Map.of("organisation", BUYER, "basis", "CONSENT", "subjects", List.of(subject)), 403,
                        "role-not-permitted"),
                new Case("no tokens", "/v1/disclosures", PRIVACY_OFFICER, Map.of("tokens", List.of(),
                        "basis", "CONSENT"), 400, "invalid-token-count"),
                new Case("unknown disclosure basis", "/v1/disclosures", PRIVACY_OFFICER, Map.of("tokens",
                        List.of(token), "basis", "MERGER_ACQUISITION_OR_BANKRUPTCY"), 400, "unknown-basis"),
                new Case("malformed token", "/v1/disclosures", PRIVACY_OFFICER, Map.of("tokens", List.of("tok_!"),
                        "basis", "CONSENT"), 400, "malformed-token"),
                new Case("unknown recipient", "/v1/statistics", MARKETING, Map.of("recipient", "nobody",
                        "purpose", "advertising", "groupBy", List.of("region")), 400, "unknown-recipient"),
                new Case("unknown purpose", "/v1/statistics", MARKETING, Map.of("recipient", "ad-partner",
                        "purpose", "gossip", "groupBy", List.of("region")), 400, "unknown-purpose"),
                new Case("no groupBy", "/v1/statistics", MARKETING, Map.of("recipient", "ad-partner",
                        "purpose", "advertising", "groupBy", List.of()), 400, "invalid-group-by"),
                new Case("groupBy a field", "/v1/statistics", MARKETING, Map.of("recipient", "ad-partner",
                        "purpose", "advertising", "groupBy", List.of("postal_code")), 400, "unknown-group-by"),
                new Case("an auditor may not ask for statistics", "/v1/statistics", AUDITOR, Map.of("recipient",
                        "ad-partner", "purpose", "advertising", "groupBy", List.of("region")), 403,
                        "role-not-permitted"));
        for (Case c : cases) {
            long before = eventCountBesidesSecuritySignals();
            Response r = call("POST", c.path(), c.key(), c.body());
            assertThat(r.status()).as(c.what() + ": " + r.body()).isEqualTo(c.status());
            assertThat(r.headers().get("content-type")).as(c.what()).anyMatch(v -> v.contains("application/problem+json"));
            assertThat(r.type()).as(c.what()).isEqualTo("https://pdvault.dev/problems/" + c.type());
            assertThat(eventCountBesidesSecuritySignals()).as(c.what()).isEqualTo(before);
        }
    }
}
