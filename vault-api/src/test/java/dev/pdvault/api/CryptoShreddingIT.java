package dev.pdvault.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.replay.ProjectionDigest;
import dev.pdvault.api.replay.ProjectionRebuilder;
import dev.pdvault.crypto.CryptoException;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.SealedValue;
import dev.pdvault.crypto.WrappedDataKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * After erasure the subject's raw events still exist and nothing can open them; replay of every projection
 * still works, equals the live projections, and shows the erased fields as erased.
 */
class CryptoShreddingIT extends VaultIntegrationTest {

    @Autowired
    ProjectionRebuilder rebuilder;
    @Autowired
    ProjectionDigest digest;
    @Autowired
    DataKeys dataKeys;

    @Test
    void erasedEventsRemainButNoPathDecryptsThem() throws Exception {
        String subject = register("CN");
        String name = plant("Zhao Lei");
        Map<String, String> tokens = collect(subject, "customer_service", "customer_service",
                Map.of("contact_information", name));
        String token = tokens.get("contact_information");

        byte[] sealedInEvent = sealedFromEvent(subject, token);
        WrappedDataKey before = wrappedKey(subject, "account");
        assertThat(dataKeys.unwrap(before).openString("customer_service/contact_information/customer_service", token,
                new SealedValue(sealedInEvent)))
                .isEqualTo(name);

        assertThat(call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER, null).status()).isEqualTo(200);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, subject)).isGreaterThanOrEqualTo(4);
        assertThat(sealedFromEvent(subject, token)).isEqualTo(sealedInEvent);
        assertThat(jdbc.queryForList("SELECT wrapped FROM data_key WHERE subject_id = ?::uuid", subject))
                .isNotEmpty().allSatisfy(row -> assertThat(row.get("wrapped")).isNull());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?::uuid", Long.class,
                subject)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT sealed FROM token_ref WHERE token = ?", byte[].class, token)).isNull();
        assertThat(detokenize(CUSTOMER_SERVICE, "customer_service", token).status()).isEqualTo(410);

        // The wrapped key as it was (say, in an old backup) opens only while the KEK that wrapped it exists.
        assertThat(before.kekVersion()).isEqualTo(dataKeys.keyEncryptionKeys().primaryVersion());
        dataKeys.forget(subject);
        assertThatThrownBy(() -> dataKeys.unwrap(new WrappedDataKey(new KeyScope(subject, "account"),
                before.version(), "local-0", before.wrappedKeyset()))).isInstanceOf(CryptoException.class);
    }

    @Test
    void replayAfterErasureEqualsLiveProjectionsAndShowsErasedFields() {
        String kept = register("CN");
        Map<String, String> keptTokens = collect(kept, "order", "delivery", Map.of("consignee_name", plant("Kept")));
        String gone = register("CN-HK");
        Map<String, String> goneTokens = collect(gone, "customer_service", "customer_service",
                Map.of("contact_information", plant("Gone"), "communication_record", plant("late parcel")));
        detokenize(CUSTOMER_SERVICE, "customer_service", goneTokens.get("contact_information"));
        assertThat(call("DELETE", "/v1/subjects/" + gone, PRIVACY_OFFICER, null).status()).isEqualTo(200);

        Map<String, String> live = digest.digests();
        List<String> liveRows = jdbc.queryForList("SELECT t::text FROM token_ref t ORDER BY token", String.class);
        ProjectionRebuilder.Progress progress = rebuilder.rebuildAll();
        List<String> replayedRows = jdbc.queryForList("SELECT t::text FROM token_ref t ORDER BY token", String.class);
        assertThat(replayedRows).containsExactlyElementsOf(liveRows);
        assertThat(progress.events()).isGreaterThanOrEqualTo(eventCount());
        assertThat(digest.digests()).isEqualTo(live);

        assertThat(jdbc.queryForList("SELECT status FROM token_ref WHERE subject_id = ?::uuid", String.class, gone))
                .hasSize(2).containsOnly("ERASED");
        assertThat(jdbc.queryForObject("SELECT status FROM token_ref WHERE token = ?", String.class,
                keptTokens.get("consignee_name"))).isEqualTo("ACTIVE");
        assertThat(detokenize(LOGISTICS, "delivery", keptTokens.get("consignee_name")).status()).isEqualTo(200);
        assertThat(detokenize(CUSTOMER_SERVICE, "customer_service", goneTokens.get("contact_information")).status())
                .isEqualTo(410);

        JsonNode history = call("GET", "/v1/subjects/" + gone + "/history", AUDITOR, null).json().get("events");
        assertThat(history.get(1).get("fields")).allSatisfy(f ->
                assertThat(f.get("value").asText()).isEqualTo("[erased]"));

        String beforeHttpRebuild = call("GET", "/v1/projections/digest", AUDITOR, null).json().get("all").asText();
        Response rebuilt = call("POST", "/v1/projections/rebuild", SECURITY_OFFICER, null);
        assertThat(rebuilt.status()).isEqualTo(200);
        assertThat(call("GET", "/v1/projections/digest", AUDITOR, null).json().get("all").asText())
                .isEqualTo(beforeHttpRebuild);
        assertThat(call("POST", "/v1/projections/rebuild", AUDITOR, null).status()).isEqualTo(403);
    }

    private byte[] sealedFromEvent(String subject, String token) throws Exception {
        List<byte[]> payloads = jdbc.queryForList("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type LIKE '%PersonalDataCollected'", byte[].class, subject);
        for (byte[] payload : payloads) {
            for (JsonNode field : json.readTree(new String(payload, StandardCharsets.UTF_8)).get("fields")) {
                if (field.get("token").asText().equals(token)) {
                    return java.util.Base64.getDecoder().decode(field.get("sealed").get("bytes").asText());
                }
            }
        }
        throw new AssertionError("no event for the token");
    }

    private WrappedDataKey wrappedKey(String subject, String keyClass) {
        return jdbc.queryForObject("SELECT key_version, kek_version, wrapped FROM data_key WHERE subject_id = ?"
                        + " AND key_class = ?", (rs, i) -> new WrappedDataKey(new KeyScope(subject, keyClass),
                        rs.getLong(1), rs.getString(2), rs.getBytes(3)), UUID.fromString(subject), keyClass);
    }
}
