package dev.pdvault.api.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.VaultIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per traced clause of the policy that the lifecycle scenario does not already walk through. */
class PolicyClausesIT extends VaultIntegrationTest {

    private List<JsonNode> history(String subject) {
        Response r = call("GET", "/v1/subjects/" + subject + "/history", AUDITOR, null);
        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        r.json().get("events").forEach(events::add);
        return events;
    }

    private JsonNode last(String subject, String type) {
        List<JsonNode> events = history(subject);
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).get("type").asText().equals(type)) {
                return events.get(i);
            }
        }
        throw new AssertionError("no " + type + " in " + events);
    }

    private Response consent(String subject, String purpose, Map<String, String> guardian) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", purpose);
        if (guardian != null) {
            body.put("guardian", guardian);
        }
        return call("POST", "/v1/subjects/" + subject + "/consents", COLLECTOR, body);
    }

    /** Policy 6.: a minor uses the service with a guardian's consent; under 14 the guardian is named (sealed). */
    @Test
    void aSubjectUnder14ConsentsOnlyThroughANamedGuardian() {
        Response child = call("POST", "/v1/subjects", COLLECTOR, Map.of("region", "CN", "birthDate", "2016-06-01"));
        String subject = child.json().get("subjectId").asText();
        assertThat(last(subject, "DataSubjectRegistered").get("ageBand").asText()).isEqualTo("UNDER_14");

        Response alone = consent(subject, "personalised_membership", null);
        assertThat(alone.status()).isEqualTo(403);
        assertThat(alone.type()).endsWith("/guardian-consent-required");
        assertThat(last(subject, "ConsentRefused").get("reason").asText()).isEqualTo("GUARDIAN_CONSENT_REQUIRED");

        String guardianName = plant("Mary Liddell");
        Response withGuardian = consent(subject, "personalised_membership",
                Map.of("guardian_name", guardianName, "guardian_relationship", "mother"));
        assertThat(withGuardian.status()).isEqualTo(201);
        String guardianToken = withGuardian.json().get("guardianTokens").get("guardian_name").asText();
        List<JsonNode> events = history(subject);
        JsonNode collected = events.get(events.size() - 2);
        JsonNode granted = events.get(events.size() - 1);
        assertThat(collected.get("type").asText()).isEqualTo("PersonalDataCollected");
        assertThat(collected.get("category").asText()).isEqualTo("guardian");
        assertThat(granted.get("type").asText()).isEqualTo("ConsentGranted");
        assertThat(granted.get("guardianRecord").asText()).isEqualTo(collected.get("collectionId").asText());
        assertThat(history(subject).toString()).doesNotContain(guardianName);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_consent WHERE subject_id = ?::uuid"
                + " AND guardian_collection IS NOT NULL", Long.class, subject)).isEqualTo(1);
        Response read = detokenize(CUSTOMER_SERVICE, "membership", guardianToken);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("values").get(guardianToken).asText()).isEqualTo(guardianName);
    }

    /** Policy VIII: a major change puts the consents it affects on hold until they are renewed. */
    @Test
    void aMajorPolicyChangePutsAffectedConsentsOnHoldUntilRenewed() {
        String subject = register("CN");
        assertThat(consent(subject, "personalised_recommendation", null).status()).isEqualTo(201);
        assertThat(consent(subject, "marketing_email", null).status()).isEqualTo(201);
        Map<String, String> log = collect(subject, "service_log", "personalised_recommendation",
                Map.of("browsing", plant("trail shoes")));
        Map<String, String> mail = collect(subject, "service_log", "marketing_email",
                Map.of("search_query", plant("tents")));
        assertThat(detokenize(MARKETING, "personalised_recommendation", log.get("browsing")).status()).isEqualTo(200);

        String label = "major-" + plant("v").replace(" ", "");
        Response published = call("POST", "/v1/policy/versions", PRIVACY_OFFICER, Map.of("label", label,
                "major", true, "affectedPurposes", List.of("personalised_recommendation"),
                "summary", "portraits now use purchase history"));
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        int version = published.json().get("number").asInt();
        assertThat(call("POST", "/v1/policy/versions", PRIVACY_OFFICER, Map.of("label", label, "major", false,
                "affectedPurposes", List.of(), "summary", "again")).status()).isEqualTo(409);
        assertThat(call("POST", "/v1/policy/versions", COLLECTOR, Map.of("label", label + "x", "major", false,
                "affectedPurposes", List.of(), "summary", "not mine")).status()).isEqualTo(403);

        Response onHold = detokenize(MARKETING, "personalised_recommendation", log.get("browsing"));
        assertThat(onHold.status()).isEqualTo(403);
        assertThat(onHold.type()).endsWith("/consent-on-hold");
        assertThat(detokenize(MARKETING, "marketing_email", mail.get("search_query")).status())
                .as("a consent the change does not affect stays in force").isEqualTo(200);
        JsonNode consents = call("GET", "/v1/subjects/" + subject + "/consents", COLLECTOR, null).json();
        assertThat(consents.toString()).contains("\"purpose\":\"personalised_recommendation\"");
        consents.forEach(c -> assertThat(c.get("onHold").asBoolean())
                .isEqualTo(c.get("purpose").asText().equals("personalised_recommendation")));

        Response renewed = consent(subject, "personalised_recommendation", null);
        assertThat(renewed.json().get("policyVersion").asInt()).isGreaterThanOrEqualTo(version);
        assertThat(detokenize(MARKETING, "personalised_recommendation", log.get("browsing")).status()).isEqualTo(200);
        assertThat(call("GET", "/v1/policy/versions", AUDITOR, null).body()).contains(label);
    }

    /** One (11) 3., Three (4): legal exceptions allow access without consent, to a privileged identity only. */
    @Test
    void aLegalExceptionOpensDataWithoutConsentForAPrivilegedIdentityWithItsReferenceRecorded() {
        String subject = register("CN");
        assertThat(consent(subject, "location_recommendation", null).status()).isEqualTo(201);
        assertThat(call("POST", "/v1/subjects/" + subject + "/consents", COLLECTOR,
                Map.of("purpose", "location_recommendation", "category", "location")).status()).isEqualTo(201);
        Map<String, String> location = collect(subject, "location", "location_recommendation",
                Map.of("gps_location", "31.2304,121.4737"));
        String gps = location.get("gps_location");
        Map<String, Object> basis = Map.of("exception", "criminal_investigation", "reference", "case 2026/117");

        Response noBasis = detokenize(LEGAL, "legal_obligation", gps);
        assertThat(noBasis.status()).isEqualTo(403);
        assertThat(noBasis.type()).endsWith("/consent-required");

        Response opened = call("POST", "/v1/detokenize", LEGAL, Map.of("tokens", List.of(gps), "purpose",
                "legal_obligation", "legalBasis", basis));
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().get("values").get(gps).asText()).isEqualTo("31.2304,121.4737");
        JsonNode access = last(subject, "PersonalDataDetokenized");
        assertThat(access.get("basis").asText()).isEqualTo("LEGAL_EXCEPTION");
        assertThat(access.get("legalBasis").get("exception").asText()).isEqualTo("CRIMINAL_INVESTIGATION");
        assertThat(access.get("legalBasis").get("reference").asText()).isEqualTo("case 2026/117");

        Response unprivileged = call("POST", "/v1/detokenize", MARKETING, Map.of("tokens", List.of(gps), "purpose",
                "location_recommendation", "legalBasis", basis));
        assertThat(unprivileged.status()).isEqualTo(403);
        assertThat(unprivileged.type()).endsWith("/legal-exception-not-permitted");
        assertThat(last(subject, "DetokenizationRefused").get("reason").asText())
                .isEqualTo("LEGAL_EXCEPTION_NOT_PERMITTED_FOR_CALLER");

        long before = eventCount();
        Response unknownException = call("POST", "/v1/detokenize", LEGAL, Map.of("tokens", List.of(gps), "purpose",
                "legal_obligation", "legalBasis", Map.of("exception", "curiosity", "reference", "x")));
        assertThat(unknownException.status()).isEqualTo(400);
        Response badReference = call("POST", "/v1/detokenize", LEGAL, Map.of("tokens", List.of(gps), "purpose",
                "legal_obligation", "legalBasis", Map.of("exception", "national_security", "reference", "\u0000")));
        assertThat(badReference.status()).isEqualTo(400);
        assertThat(eventCount()).isEqualTo(before);
    }

    /** Policy 7.: data collected in mainland China stays there unless an exception holds; a transfer is an event. */
    @Test
    void mainlandChinaDataLeavesTheRegionOnlyWithItsBasisAndTheTransferIsRecorded() {
        String subject = register("CN");
        Map<String, String> ticket = collect(subject, "customer_service", "customer_service",
                Map.of("contact_information", plant("wechat id")));
        String token = ticket.get("contact_information");

        Response abroad = detokenize(OVERSEAS_SUPPORT, "customer_service", token);
        assertThat(abroad.status()).isEqualTo(403);
        assertThat(abroad.type()).endsWith("/cross-border-transfer-not-permitted");

        assertThat(consent(subject, "cross_border_transfer", null).status()).isEqualTo(201);
        assertThat(detokenize(OVERSEAS_SUPPORT, "customer_service", token).status()).isEqualTo(200);
        JsonNode transfer = last(subject, "CrossBorderTransferRecorded");
        assertThat(transfer.get("fromRegion").asText()).isEqualTo("CN");
        assertThat(transfer.get("toRegion").asText()).isEqualTo("DE");
        assertThat(transfer.get("basis").asText()).isEqualTo("CONTRACT");

        String european = register("DE");
        Map<String, String> other = collect(european, "customer_service", "customer_service",
                Map.of("contact_information", plant("email")));
        assertThat(detokenize(OVERSEAS_SUPPORT, "customer_service", other.get("contact_information")).status())
                .isEqualTo(200);
        assertThat(history(european)).extracting(e -> e.get("type").asText())
                .doesNotContain("CrossBorderTransferRecorded");
    }

    /** V (3): consents and opt-outs are listed; a consent request that does not apply is refused and stores nothing. */
    @Test
    void consentsAndOptOutsAreListedAndBadRequestsStoreNothing() {
        String subject = register("CN");
        long before = eventCount();
        assertThat(consent(subject, "membership", null).status()).as("a basic purpose takes no consent")
                .isEqualTo(400);
        assertThat(call("POST", "/v1/subjects/" + subject + "/consents", COLLECTOR,
                Map.of("purpose", "membership", "category", "profile")).status())
                .as("only sensitive categories take a category consent").isEqualTo(400);
        assertThat(consent(subject, "astrology", null).status()).isEqualTo(400);
        assertThat(call("PUT", "/v1/subjects/" + subject + "/opt-outs/carrier_pigeon", COLLECTOR, null).status())
                .isEqualTo(400);
        assertThat(consent("00000000-0000-4000-8000-0000000000aa", "advertising", null).status()).isEqualTo(404);
        assertThat(consent(subject, "advertising", Map.of("shoe_size", "42")).status()).isEqualTo(400);
        assertThat(call("DELETE", "/v1/subjects/" + subject + "/consents/advertising", COLLECTOR, null).status())
                .isEqualTo(409);
        assertThat(eventCount()).as("only the refused withdrawal is recorded").isEqualTo(before + 1);
        assertThat(last(subject, "ConsentRefused").get("reason").asText()).isEqualTo("NO_CONSENT_IN_FORCE");

        assertThat(call("PUT", "/v1/subjects/" + subject + "/opt-outs/email", COLLECTOR, null).status()).isEqualTo(204);
        assertThat(call("PUT", "/v1/subjects/" + subject + "/opt-outs/targeting", COLLECTOR, null).status())
                .isEqualTo(204);
        assertThat(call("DELETE", "/v1/subjects/" + subject + "/opt-outs/email", COLLECTOR, null).status())
                .isEqualTo(204);
        assertThat(call("GET", "/v1/subjects/" + subject + "/opt-outs", AUDITOR, null).json().toString())
                .isEqualTo("[\"targeting\"]");
        assertThat(history(subject)).extracting(e -> e.get("type").asText())
                .endsWith("OptedOut", "OptedOut", "OptedBackIn");
    }

    /** One (4): real-name information (identity documents, biometrics) is sensitive: explicit consent per category. */
    @Test
    void identityDocumentsAndBiometricsNeedTheirOwnExplicitConsentEvenForABasicPurpose() {
        String subject = register("CN");
        Response refused = call("POST", "/v1/subjects/" + subject + "/records", COLLECTOR, Map.of("category",
                "identity_document", "purpose", "real_name_verification", "source", "subject",
                "fields", Map.of("id_card_number", "11010519491231002X")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.type()).endsWith("/consent-required");

        assertThat(call("POST", "/v1/subjects/" + subject + "/consents", COLLECTOR,
                Map.of("purpose", "real_name_verification", "category", "identity_document")).status()).isEqualTo(201);
        Map<String, String> card = collect(subject, "identity_document", "real_name_verification",
                Map.of("id_card_number", "11010519491231002X"));
        Response verified = detokenize(VERIFIER, "real_name_verification", card.get("id_card_number"));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(last(subject, "PersonalDataDetokenized").get("basis").asText()).isEqualTo("CONSENT");

        Response biometricWithoutItsOwnConsent = call("POST", "/v1/subjects/" + subject + "/records", COLLECTOR,
                Map.of("category", "biometric", "purpose", "real_name_verification", "source", "subject",
                        "fields", Map.of("face", "AAAAAAAAAAAAAAAAAAAAAAAA")));
        assertThat(biometricWithoutItsOwnConsent.status()).as("consent to identity documents is not consent to"
                + " biometrics").isEqualTo(403);
        assertThat(detokenize(CUSTOMER_SERVICE, "customer_service", card.get("id_card_number")).status())
                .as("no other purpose may use identity documents").isEqualTo(403);
    }
}
