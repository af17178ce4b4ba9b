package dev.pdvault.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Associated data binds each sealed value to its subject, field and token: a copied ciphertext never opens. */
class CiphertextSwapIT extends VaultIntegrationTest {

    @Test
    void ciphertextCopiedIntoAnotherSubjectsRowFailsToDecrypt() {
        String alice = register("CN");
        String bob = register("CN");
        String aliceName = plant("Alice Chen");
        Map<String, String> a = collect(alice, "order", "delivery", Map.of("consignee_name", aliceName));
        Map<String, String> b = collect(bob, "order", "delivery", Map.of("consignee_name", plant("Bob Xu")));

        copySealed(a.get("consignee_name"), b.get("consignee_name"));

        Response read = detokenize(LOGISTICS, "delivery", b.get("consignee_name"));
        assertThat(read.status()).isEqualTo(500);
        assertThat(read.type()).endsWith("/integrity-failure");
        assertThat(read.body()).doesNotContain(aliceName);
        assertThat(detokenize(LOGISTICS, "delivery", a.get("consignee_name")).body()).contains(aliceName);
        Response history = call("GET", "/v1/subjects/" + bob + "/history", AUDITOR, null);
        long integrityFailures = 0;
        for (var event : history.json().get("events")) {
            if ("INTEGRITY_FAILURE".equals(event.path("reason").asText())) {
                integrityFailures++;
            }
        }
        assertThat(integrityFailures).isEqualTo(1);
    }

    @Test
    void ciphertextCopiedIntoAnotherFieldOfTheSameSubjectFailsToDecrypt() {
        String subject = register("CN");
        String name = plant("Sun Mei");
        Map<String, String> t = collect(subject, "order", "delivery",
                Map.of("consignee_name", name, "address", plant("Some Street")));

        copySealed(t.get("consignee_name"), t.get("address"));

        Response read = detokenize(LOGISTICS, "delivery", t.get("address"));
        assertThat(read.status()).isEqualTo(500);
        assertThat(read.type()).endsWith("/integrity-failure");
        assertThat(read.body()).doesNotContain(name);
    }

    @Test
    void ciphertextCopiedIntoAnotherTokenOfTheSameFieldFailsToDecrypt() {
        String subject = register("CN");
        String first = plant("First Name");
        Map<String, String> one = collect(subject, "order", "delivery", Map.of("consignee_name", first));
        Map<String, String> two = collect(subject, "order", "delivery", Map.of("consignee_name", plant("Second")));

        copySealed(one.get("consignee_name"), two.get("consignee_name"));

        Response read = detokenize(LOGISTICS, "delivery", two.get("consignee_name"));
        assertThat(read.status()).isEqualTo(500);
        assertThat(read.body()).doesNotContain(first);
    }

    @Test
    void aRowWhosePurposeOrCategoryWasChangedNoLongerOpens() {
        String subject = register("CN");
        String name = plant("He Jun");
        Map<String, String> t = collect(subject, "order", "delivery", Map.of("consignee_name", name));
        String token = t.get("consignee_name");
        try {
            // relabelled as payment data, so that the payment institution's identity would be allowed to read it
            jdbc.update("UPDATE token_ref SET category = 'payment', field = 'amount' WHERE token = ?", token);
            Response asPayment = detokenize(PAYMENT, "payment", token);
            assertThat(asPayment.status()).isEqualTo(500);
            assertThat(asPayment.type()).endsWith("/integrity-failure");
            assertThat(asPayment.body()).doesNotContain(name);
            jdbc.update("UPDATE token_ref SET category = 'order', field = 'consignee_name', purpose = 'order_fulfilment'"
                    + " WHERE token = ?", token);
            Response otherPurpose = detokenize(LOGISTICS, "delivery", token);
            assertThat(otherPurpose.status()).isEqualTo(500);
            assertThat(otherPurpose.body()).doesNotContain(name);
        } finally {
            jdbc.update("UPDATE token_ref SET purpose = 'delivery', category = 'order', field = 'consignee_name'"
                    + " WHERE token = ?", token);
        }
        assertThat(detokenize(LOGISTICS, "delivery", token).body()).contains(name);
    }

    private final java.util.Map<String, byte[]> originals = new java.util.HashMap<>();

    private void copySealed(String fromToken, String toToken) {
        originals.put(toToken, jdbc.queryForObject("SELECT sealed FROM token_ref WHERE token = ?", byte[].class,
                toToken));
        assertThat(jdbc.update("UPDATE token_ref SET sealed = (SELECT sealed FROM token_ref WHERE token = ?)"
                + " WHERE token = ?", fromToken, toToken)).isEqualTo(1);
    }

    /** Puts the projection back as the events say, so that later replay comparisons see no tampering. */
    @org.junit.jupiter.api.AfterEach
    void restore() {
        originals.forEach((token, sealed) -> jdbc.update("UPDATE token_ref SET sealed = ? WHERE token = ?", sealed,
                token));
        originals.clear();
    }
}
