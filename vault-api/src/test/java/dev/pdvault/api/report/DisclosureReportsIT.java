package dev.pdvault.api.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.TestClock;
import dev.pdvault.api.VaultIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfers to another holder and public disclosures are in the reports, allowed and refused, at fixed instants:
 * who received which subject's data (an organisation, or {@code public}), on which basis, which fields; a transfer
 * names each subject it covered and no other subject's report shows it.
 */
class DisclosureReportsIT extends VaultIntegrationTest {

    private static final Instant T0 = Instant.parse("2047-06-01T08:00:00Z");

    @Autowired
    TestClock clock;

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void transfersAndPublicDisclosuresAreReportedPerSubjectAndPerRecipient() {
        String buyer = "Console Buyer " + plant("Ltd").substring(4).trim();
        clock.fixAt(at(0));
        String alice = register("CN");
        String carol = register("CN");
        String shopName = plant("Alice Shop");
        String aliceName = collect(alice, "membership", "membership", Map.of("member_name", shopName))
                .get("member_name");
        String carolName = collect(carol, "membership", "membership", Map.of("member_name", plant("Carol Shop")))
                .get("member_name");
        for (String purpose : List.of("transfer", "public_disclosure")) {
            assertThat(call("POST", "/v1/subjects/" + alice + "/consents", COLLECTOR, Map.of("purpose", purpose))
                    .status()).isEqualTo(201);
        }

        clock.fixAt(at(10));
        Response transferred = call("POST", "/v1/transfers", PRIVACY_OFFICER, Map.of("organisation", buyer,
                "basis", "CONSENT", "subjects", List.of(alice)));
        assertThat(transferred.status()).as(transferred.body()).isEqualTo(201);
        clock.fixAt(at(20));
        Response transferRefused = call("POST", "/v1/transfers", PRIVACY_OFFICER, Map.of("organisation", buyer,
                "basis", "CONSENT", "subjects", List.of(alice, carol)));
        assertThat(transferRefused.status()).isEqualTo(403);
        clock.fixAt(at(30));
        Response disclosed = call("POST", "/v1/disclosures", PRIVACY_OFFICER, Map.of("tokens", List.of(aliceName),
                "basis", "CONSENT"));
        assertThat(disclosed.status()).as(disclosed.body()).isEqualTo(201);
        clock.fixAt(at(40));
        Response disclosureRefused = call("POST", "/v1/disclosures", PRIVACY_OFFICER,
                Map.of("tokens", List.of(carolName), "basis", "CONSENT"));
        assertThat(disclosureRefused.status()).isEqualTo(403);
        clock.reset();

        String window = "?from=" + at(0) + "&to=" + at(60);
        assertThat(rows("/v1/reports/subjects/" + alice + "/accesses" + window)).containsExactly(
                at(10) + " TRANSFERRED " + transferred.json().get("transferId").asText()
                        + " dev-privacy-officer " + buyer + " transfer CONSENT - []",
                at(20) + " TRANSFER_REFUSED " + transferRefused.json().get("transferId").asText()
                        + " dev-privacy-officer " + buyer + " transfer CONSENT CONSENT_MISSING []",
                at(30) + " PUBLICLY_DISCLOSED " + disclosed.json().get("disclosureId").asText()
                        + " dev-privacy-officer public public_disclosure CONSENT - [" + alice
                        + "/membership.member_name=" + aliceName + "]");
        List<String> carolRows = rows("/v1/reports/subjects/" + carol + "/accesses" + window);
        assertThat(carolRows).hasSize(2);
        assertThat(carolRows.get(0)).startsWith(at(20) + " TRANSFER_REFUSED ").endsWith(" CONSENT_MISSING []");
        assertThat(carolRows.get(1)).startsWith(at(40) + " PUBLIC_DISCLOSURE_REFUSED ")
                .contains(" public public_disclosure CONSENT CONSENT_MISSING ")
                .endsWith("[" + carol + "/membership.member_name=" + carolName + "]");

        String recipient = "/v1/reports/recipients/" + URLEncoder.encode(buyer, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/received";
        assertThat(rows(recipient + window)).extracting(r -> r.split(" ")[1])
                .containsExactly("TRANSFERRED", "TRANSFER_REFUSED");
        assertThat(rows("/v1/reports/recipients/public/received" + window)).extracting(r -> r.split(" ")[1])
                .containsExactly("PUBLICLY_DISCLOSED", "PUBLIC_DISCLOSURE_REFUSED");
        String csv = call("GET", recipient + window + "&format=csv", AUDITOR, null).body();
        assertThat(csv).contains(",TRANSFERRED,").contains("," + buyer + ",transfer,CONSENT,");
        assertThat(call("GET", "/v1/reports/recipients/%20bad/received", AUDITOR, null).type())
                .endsWith("/invalid-recipient");
        for (String path : List.of("/v1/reports/subjects/" + alice + "/accesses", recipient,
                "/v1/reports/recipients/public/received")) {
            assertThat(call("GET", path, AUDITOR, null).body()).doesNotContain(shopName).doesNotContain("Carol Shop");
        }
    }

    /** Each row as one line: at, outcome, id, caller, recipient, purpose, basis, reason (or -), fields. */
    private List<String> rows(String path) {
        Response r = call("GET", path, AUDITOR, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        for (JsonNode row : r.json().get("rows")) {
            List<String> fields = new ArrayList<>();
            row.get("fields").forEach(f -> fields.add(f.get("subjectId").asText() + "/" + f.get("category").asText()
                    + "." + f.get("field").asText() + "=" + f.get("token").asText()));
            lines.add(String.join(" ", row.get("at").asText(), row.get("outcome").asText(), row.path("id").asText(),
                    row.get("caller").asText(), row.get("recipient").asText(), row.get("purpose").asText(),
                    row.path("basis").asText(), row.path("reason").asText("-"), fields.toString()));
        }
        return lines;
    }
}
