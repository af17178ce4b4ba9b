package dev.pdvault.api.policy;

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
            keyClasses:
              account: { retention: "while the purpose lasts" }
            purposes:
              membership: { basic: true }
              advertising: { basic: false }
            categories:
              profile:
                keyClass: account
                sensitive: false
                purposes: [membership]
                fields:
                  birth_date: { type: DATE, maxLength: 10 }
            """;

    @Test
    void theShippedCatalogueLoads() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/policy/catalogue.yaml")) {
            Catalogue catalogue = CatalogueLoader.load(in, "catalogue.yaml");
            assertThat(catalogue.categories()).hasSize(10);
            assertThat(catalogue.purposes()).hasSize(12);
            assertThat(catalogue.keyClasses()).hasSize(3);
            assertThat(catalogue.category("identity_document").orElseThrow().sensitive()).isTrue();
            assertThat(catalogue.category("order").orElseThrow().field("consignee_phone").orElseThrow().type())
                    .isEqualTo(FieldType.MOBILE_PHONE);
            assertThat(catalogue.purpose("advertising").orElseThrow().basic()).isFalse();
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
                .hasMessageMatching("(?s)invalid data catalogue test\\.yaml at line 1[12]: .*");
    }

    @Test
    void anUnknownPropertyNamesItsLine() {
        assertThatThrownBy(() -> load(VALID.replace("    sensitive: false", "    sensitive: false\n    colour: red")))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessage("invalid data catalogue test.yaml at line 11: unknown key 'colour'");
    }

    @Test
    void anUnknownFieldTypeNamesItsLine() {
        assertThatThrownBy(() -> load(VALID.replace("type: DATE", "type: HOROSCOPE")))
                .isInstanceOf(InvalidCatalogueException.class).hasMessageContaining("test.yaml at line 13:");
    }

    @Test
    void anUndeclaredPurposeNamesItsLine() {
        assertThatThrownBy(() -> load(VALID.replace("purposes: [membership]", "purposes: [membership, curiosity]")))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("test.yaml at line 11:")
                .hasMessageContaining("undeclared purpose 'curiosity'");
    }

    @Test
    void anUndeclaredKeyClassNamesItsLine() {
        assertThatThrownBy(() -> load(VALID.replace("keyClass: account", "keyClass: forever")))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("test.yaml at line 9:")
                .hasMessageContaining("undeclared key class 'forever'");
    }

    @Test
    void aCatalogueWithoutWhatRegistrationNeedsIsRefused() {
        assertThatThrownBy(() -> load(VALID.replace("birth_date:", "birthday:")))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("registration needs the field 'birth_date'");
    }

    private static Catalogue load(String yaml) {
        return CatalogueLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }
}
