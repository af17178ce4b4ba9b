package dev.pdvault.api.policy;

import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.RecipientDefinition;
import dev.pdvault.domain.policy.RecipientKind;
import dev.pdvault.domain.policy.RetentionRule;
import java.time.Period;
import java.util.Map;
import java.util.Set;

import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.FieldType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalogue loads from the policy file, and an invalid file is refused with the line that is wrong. */
class CatalogueLoaderTest {

    private static final String VALID = """
            version: "test"
            minimumAggregateGroup: 5
            keyClasses:
              account: { retention: "while the purpose lasts" }
            purposes:
              membership: { basic: true }
              advertising: { basic: false, optOut: targeting }
              cross_border_transfer: { basic: false }
            categories:
              profile:
                keyClass: account
                sensitive: false
                purposes: [membership]
                retention: { basis: while_purpose_lasts }
                fields:
                  birth_date: { type: DATE, maxLength: 10 }
              guardian:
                keyClass: account
                sensitive: false
                purposes: [membership]
                retention: { basis: while_purpose_lasts }
                fields:
                  guardian_name: { type: TEXT, maxLength: 64 }
            recipients:
              courier:
                kind: delivery_company
                region: CN
                receives:
                  membership: [profile.birth_date]
            """;

    @Test
    void theShippedCatalogueLoads() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/policy/catalogue.yaml")) {
            Catalogue catalogue = CatalogueLoader.load(in, "catalogue.yaml");
            assertThat(catalogue.categories()).hasSize(11);
            assertThat(catalogue.purposes()).hasSize(19);
            assertThat(catalogue.purpose("transfer").orElseThrow().basic()).isFalse();
            assertThat(catalogue.purpose("public_disclosure").orElseThrow().basic()).isFalse();
            assertThat(catalogue.keyClasses()).hasSize(3);
            assertThat(catalogue.category("identity_document").orElseThrow().sensitive()).isTrue();
            assertThat(catalogue.category("order").orElseThrow().field("consignee_phone").orElseThrow().type())
                    .isEqualTo(FieldType.MOBILE_PHONE);
            assertThat(catalogue.purpose("advertising").orElseThrow().basic()).isFalse();
            assertThat(catalogue.purpose("marketing_sms").orElseThrow().optOut()).contains(OptOut.SMS);
            assertThat(catalogue.category("order").orElseThrow().retention())
                    .isEqualTo(new RetentionRule(RetentionRule.Basis.AFTER_TRANSACTION_COMPLETES, Period.ofYears(3)));
            RecipientDefinition bank = catalogue.recipient("visa").orElseThrow();
            assertThat(bank.kind()).isEqualTo(RecipientKind.PAYMENT_INSTITUTION);
            assertThat(bank.receives()).isEqualTo(Map.of(Purpose.of("payment"),
                    Set.of("payment.order_number", "payment.amount")));
            assertThat(catalogue.recipient("sf-express").orElseThrow().receives().get(Purpose.of("delivery")))
                    .containsExactlyInAnyOrder("order.consignee_name", "order.address", "order.consignee_phone");
            assertThat(catalogue.recipient("ad-partner").orElseThrow().receives()).isEmpty();
            assertThat(catalogue.minimumAggregateGroup()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aSmallValidCatalogueLoads() {
        assertThat(load(VALID).category("profile")).isPresent();
    }

    @Test
    void brokenYamlNamesItsLine() {
        String broken = VALID.replace("    sensitive: false", "    sensitive: false\n   purposes: [oops");
        assertThatThrownBy(() -> load(broken)).isInstanceOf(InvalidCatalogueException.class)
                .hasMessageMatching("(?s)invalid data catalogue test\\.yaml at line 1[34]: .*");
    }

    @Test
    void anUnknownPropertyNamesItsLine() {
        assertThatThrownBy(() -> load(VALID.replace("    sensitive: false", "    sensitive: false\n    colour: red")))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessage("invalid data catalogue test.yaml at line 13: unknown key 'colour'");
    }

    @Test
    void anUnknownFieldTypeNamesItsLine() {
        assertThatThrownBy(() -> load(VALID.replace("type: DATE", "type: HOROSCOPE")))
                .isInstanceOf(InvalidCatalogueException.class).hasMessageContaining("test.yaml at line 16:");
    }

    @Test
    void anUndeclaredPurposeNamesItsLine() {
        assertThatThrownBy(() -> load(VALID.replace("purposes: [membership]", "purposes: [membership, curiosity]")))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("test.yaml at line 13:")
                .hasMessageContaining("undeclared purpose 'curiosity'");
    }

    @Test
    void anUndeclaredKeyClassNamesItsLine() {
        assertThatThrownBy(() -> load(VALID.replace("keyClass: account", "keyClass: forever")))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("test.yaml at line 11:")
                .hasMessageContaining("undeclared key class 'forever'");
    }

    @Test
    void aCatalogueWithoutWhatRegistrationNeedsIsRefused() {
        assertThatThrownBy(() -> load(VALID.replace("birth_date:", "birthday:").replace("profile.birth_date", "profile.birthday")))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("registration needs the field 'birth_date'");
    }

    @Test
    void anAdvertisingClientThatWouldReceivePersonalDataIsRefused() {
        assertThatThrownBy(() -> load(VALID.replace("kind: delivery_company", "kind: advertising_client")))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("test.yaml at line 25:")
                .hasMessageContaining("receives no personal data, only aggregated statistics");
    }

    @Test
    void aRecipientOfAnUndeclaredFieldIsRefusedWithItsLine() {
        assertThatThrownBy(() -> load(VALID.replace("[profile.birth_date]", "[profile.shoe_size]")))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("test.yaml at line 29:")
                .hasMessageContaining("undeclared field 'profile.shoe_size'");
    }

    @Test
    void aRecipientCannotReceiveAFieldForAPurposeItsCategoryMayNotServe() {
        assertThatThrownBy(() -> load(VALID.replace("membership: [profile.birth_date]",
                "advertising: [profile.birth_date]")))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("a purpose its category may not be used for");
    }

    @Test
    void aTransactionRetentionNeedsItsYears() {
        assertThatThrownBy(() -> load(VALID.replaceFirst("retention: \\{ basis: while_purpose_lasts }",
                "retention: { basis: after_transaction_completes }")))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("after_transaction_completes needs a positive number of years");
    }

    @Test
    void anUnknownOptOutNamesItsLine() {
        assertThatThrownBy(() -> load(VALID.replace("optOut: targeting", "optOut: carrier_pigeon")))
                .isInstanceOf(InvalidCatalogueException.class).hasMessageContaining("test.yaml at line 7:");
    }

    private static Catalogue load(String yaml) {
        return CatalogueLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }
}
