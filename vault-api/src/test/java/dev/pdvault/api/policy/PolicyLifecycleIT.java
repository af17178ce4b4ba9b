package dev.pdvault.api.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.VaultIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy policy's life cycle over HTTP, one subject from browsing to withdrawal, with the event history
 * checked after every step: what the policy promises is what the vault records.
 */
class PolicyLifecycleIT extends VaultIntegrationTest {

    /** The event types of the subject's history recorded since the last check. */
    private final class History {
        private final String subject;
        private int seen;

        History(String subject) {
            this.subject = subject;
        }

        List<JsonNode> next(String... types) {
            Response r = call("GET", "/v1/subjects/" + subject + "/history", AUDITOR, null);
            assertThat(r.status()).isEqualTo(200);
            List<JsonNode> events = new ArrayList<>();
            r.json().get("events").forEach(events::add);
            List<JsonNode> fresh = events.subList(seen, events.size());
            assertThat(fresh).extracting(e -> e.get("type").asText()).containsExactly(types);
            seen = events.size();
            return fresh;
        }
    }

    private Response collectAs(String key, String subject, String category, String purpose, String source,
                               Map<String, String> fields) {
        return call("POST", "/v1/subjects/" + subject + "/records", key,
                Map.of("category", category, "purpose", purpose, "source", source, "fields", fields));
    }

    private Map<String, String> tokens(Response collected) {
        assertThat(collected.status()).as(collected.body()).isEqualTo(201);
        Map<String, String> tokens = new LinkedHashMap<>();
        collected.json().get("tokens").fields().forEachRemaining(e -> tokens.put(e.getKey(), e.getValue().asText()));
        return tokens;
    }

    private Response consent(String subject, String purpose, String category) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", purpose);
        if (category != null) {
            body.put("category", category);
        }
        return call("POST", "/v1/subjects/" + subject + "/consents", COLLECTOR, body);
    }

    private Response share(String recipient, String purpose, String... tokens) {
        return call("POST", "/v1/shares", ORDER_SERVICE, Map.of("recipient", recipient, "purpose", purpose,
                "tokens", List.of(tokens)));
    }

    @Test
    void aSubjectsLifeUnderThePolicy() {
        // browse without registering: the vault holds nothing about a visitor, and takes nothing without a subject
        long before = eventCount();
        Response visitor = collectAs(COLLECTOR, "00000000-0000-4000-8000-000000000001", "service_log",
                "product_display", "device", Map.of("search_query", plant("running shoes")));
        assertThat(visitor.status()).isEqualTo(404);
        assertThat(visitor.type()).endsWith("/unknown-subject");
        assertThat(eventCount()).isEqualTo(before);

        // register: phone, member name and password (One (1) 1.)
        Response registered = call("POST", "/v1/subjects", COLLECTOR, Map.of("region", "CN", "birthDate", "1991-02-03"));
        assertThat(registered.status()).isEqualTo(201);
        String subject = registered.json().get("subjectId").asText();
        String birthToken = registered.json().get("birthDateToken").asText();
        History history = new History(subject);
        Map<String, String> member = tokens(collectAs(COLLECTOR, subject, "membership", "membership", "subject",
                Map.of("phone", "+86 138 0013 8000", "member_name", plant("lina"))));
        assertThat(call("PUT", "/v1/subjects/" + subject + "/password", COLLECTOR,
                Map.of("password", "correct horse battery")).status()).isEqualTo(204);
        history.next("DataSubjectRegistered", "PersonalDataCollected", "PasswordSet");

        // an optional profile without consent: refused and recorded; basic functions are not affected
        Response noConsent = collectAs(COLLECTOR, subject, "profile", "personalised_membership", "subject",
                Map.of("real_name", plant("Li Na"), "gender", "female"));
        assertThat(noConsent.status()).isEqualTo(403);
        assertThat(noConsent.type()).endsWith("/consent-required");
        assertThat(history.next("CollectionRefused").get(0).get("reason").asText()).isEqualTo("CONSENT_REQUIRED");
        assertThat(detokenize(CUSTOMER_SERVICE, "membership", member.get("phone")).status()).isEqualTo(200);
        history.next("PersonalDataDetokenized");

        // ... and with consent, bound to the current policy version
        Response granted = consent(subject, "personalised_membership", null);
        assertThat(granted.status()).isEqualTo(201);
        assertThat(granted.json().get("policyVersion").asInt()).isPositive();
        String realName = plant("Li Na");
        Map<String, String> profile = tokens(collectAs(COLLECTOR, subject, "profile", "personalised_membership",
                "subject", Map.of("real_name", realName)));
        Response personalised = detokenize(MARKETING, "personalised_membership", profile.get("real_name"));
        assertThat(personalised.status()).isEqualTo(200);
        assertThat(personalised.json().get("values").get(profile.get("real_name")).asText()).isEqualTo(realName);
        List<JsonNode> consented = history.next("ConsentGranted", "PersonalDataCollected", "PersonalDataDetokenized");
        assertThat(consented.get(0).get("purpose").asText()).isEqualTo("personalised_membership");
        assertThat(consented.get(2).get("basis").asText()).isEqualTo("CONSENT");

        // order for oneself, and for someone else (the subject vouches for the other person's consent)
        Map<String, String> own = tokens(collectAs(COLLECTOR, subject, "order", "order_fulfilment", "subject",
                Map.of("consignee_name", plant("Li Na"), "address", "88 Jianguo Road, Beijing", "postal_code",
                        "100022", "consignee_phone", "+86 139 1234 5678")));
        Map<String, String> gift = tokens(collectAs(COLLECTOR, subject, "order", "order_fulfilment",
                "other_user_with_consent", Map.of("consignee_name", plant("Wang Fang"), "address",
                        "1 Nanjing Road, Shanghai", "consignee_phone", "+86 137 0000 1111")));
        Map<String, String> payment = tokens(collectAs(COLLECTOR, subject, "payment", "payment", "subject",
                Map.of("order_number", "ORD-2026-0001", "amount", "399.00 CNY")));
        List<JsonNode> orders = history.next("PersonalDataCollected", "PersonalDataCollected", "PersonalDataCollected");
        assertThat(orders.get(1).get("source").asText()).isEqualTo("other_user_with_consent");

        // pay: the payment institution gets the order number and amount, and nothing else
        Response paid = share("visa", "payment", payment.get("order_number"), payment.get("amount"));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        Response tooMuch = share("visa", "payment", payment.get("amount"), own.get("consignee_name"));
        assertThat(tooMuch.status()).isEqualTo(403);
        assertThat(tooMuch.type()).endsWith("/field-not-allowed-for-recipient");
        Response bankReads = detokenize(BANK, "payment", payment.get("order_number"), payment.get("amount"));
        assertThat(bankReads.status()).isEqualTo(200);
        assertThat(bankReads.json().get("values").get(payment.get("amount")).asText()).isEqualTo("399.00 CNY");
        List<JsonNode> pay = history.next("PersonalDataShared", "ShareRefused", "PersonalDataDetokenized");
        assertThat(pay.get(0).get("recipient").asText()).isEqualTo("visa");
        assertThat(pay.get(1).get("reason").asText()).isEqualTo("FIELD_NOT_ALLOWED_FOR_RECIPIENT");
        assertThat(pay.get(2).get("caller").asText()).isEqualTo("dev-bank");

        // deliver: the delivery company gets consignee name, address and phone, and reads only what it got
        Response shipped = share("sf-express", "delivery", gift.get("consignee_name"), gift.get("address"),
                gift.get("consignee_phone"));
        assertThat(shipped.status()).as(shipped.body()).isEqualTo(201);
        assertThat(detokenize(COURIER, "delivery", gift.get("address")).status()).isEqualTo(200);
        Response notShared = detokenize(COURIER, "delivery", own.get("address"));
        assertThat(notShared.status()).isEqualTo(403);
        assertThat(notShared.type()).endsWith("/not-shared-with-recipient");
        history.next("PersonalDataShared", "PersonalDataDetokenized", "DetokenizationRefused");

        // contact customer service: the record is kept, and the agent reads the order to help
        Map<String, String> ticket = tokens(collectAs(CUSTOMER_SERVICE, subject, "customer_service",
                "customer_service", "subject", Map.of("communication_record", plant("parcel arrived damaged"))));
        assertThat(detokenize(CUSTOMER_SERVICE, "customer_service", own.get("consignee_phone"),
                ticket.get("communication_record")).status()).isEqualTo(200);
        history.next("PersonalDataCollected", "PersonalDataDetokenized");

        // grant then revoke location: a sensitive category needs its own consent besides the purpose's
        assertThat(consent(subject, "location_recommendation", null).status()).isEqualTo(201);
        Response sensitiveMissing = collectAs(COLLECTOR, subject, "location", "location_recommendation", "device",
                Map.of("gps_location", "39.9042,116.4074"));
        assertThat(sensitiveMissing.status()).isEqualTo(403);
        assertThat(consent(subject, "location_recommendation", "location").status()).isEqualTo(201);
        Map<String, String> location = tokens(collectAs(COLLECTOR, subject, "location", "location_recommendation",
                "device", Map.of("gps_location", "39.9042,116.4074")));
        assertThat(detokenize(MARKETING, "location_recommendation", location.get("gps_location")).status())
                .isEqualTo(200);
        assertThat(call("DELETE", "/v1/subjects/" + subject + "/consents/location_recommendation?category=location",
                COLLECTOR, null).status()).isEqualTo(204);
        Response revoked = detokenize(MARKETING, "location_recommendation", location.get("gps_location"));
        assertThat(revoked.status()).isEqualTo(403);
        assertThat(revoked.type()).endsWith("/consent-withdrawn");
        List<JsonNode> locationEvents = history.next("ConsentGranted", "CollectionRefused", "ConsentGranted",
                "PersonalDataCollected", "PersonalDataDetokenized", "ConsentWithdrawn", "DetokenizationRefused");
        assertThat(locationEvents.get(2).get("category").asText()).isEqualTo("location");
        assertThat(locationEvents.get(4).get("basis").asText()).as("earlier processing stays lawful")
                .isEqualTo("CONSENT");
        assertThat(locationEvents.get(6).get("reason").asText()).isEqualTo("CONSENT_WITHDRAWN");

        // unsubscribe from promotional text messages
        assertThat(consent(subject, "marketing_sms", null).status()).isEqualTo(201);
        Map<String, String> interests = tokens(collectAs(COLLECTOR, subject, "service_log", "marketing_sms", "device",
                Map.of("search_query", plant("running shoes"))));
        assertThat(detokenize(MARKETING, "marketing_sms", interests.get("search_query")).status()).isEqualTo(200);
        assertThat(call("PUT", "/v1/subjects/" + subject + "/opt-outs/sms", COLLECTOR, null).status()).isEqualTo(204);
        Response unsubscribed = detokenize(MARKETING, "marketing_sms", interests.get("search_query"));
        assertThat(unsubscribed.status()).isEqualTo(403);
        assertThat(unsubscribed.type()).endsWith("/opted-out");
        assertThat(call("GET", "/v1/subjects/" + subject + "/opt-outs", COLLECTOR, null).json().toString())
                .contains("sms");
        history.next("ConsentGranted", "PersonalDataCollected", "PersonalDataDetokenized", "OptedOut",
                "DetokenizationRefused");

        // withdraw a consent: the additional function stops, the basic one goes on
        assertThat(call("DELETE", "/v1/subjects/" + subject + "/consents/personalised_membership", COLLECTOR, null)
                .status()).isEqualTo(204);
        Response withdrawn = detokenize(MARKETING, "personalised_membership", profile.get("real_name"));
        assertThat(withdrawn.status()).isEqualTo(403);
        assertThat(withdrawn.type()).endsWith("/consent-withdrawn");
        Response basic = detokenize(CUSTOMER_SERVICE, "membership", profile.get("real_name"), birthToken);
        assertThat(basic.status()).isEqualTo(200);
        assertThat(basic.json().get("values").get(profile.get("real_name")).asText()).isEqualTo(realName);
        List<JsonNode> end = history.next("ConsentWithdrawn", "DetokenizationRefused", "PersonalDataDetokenized");
        assertThat(end.get(2).get("basis").asText()).isEqualTo("CONTRACT");

        // no plaintext anywhere in the history
        String all = call("GET", "/v1/subjects/" + subject + "/history", AUDITOR, null).body();
        assertThat(all).doesNotContain(realName).doesNotContain("39.9042").doesNotContain("399.00");
    }
}
