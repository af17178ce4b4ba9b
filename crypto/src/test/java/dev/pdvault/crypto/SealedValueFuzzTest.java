package dev.pdvault.crypto;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzes the sealed-value envelope: its base64 form, its byte layout, and opening altered ciphertexts of a value
 * that holds a planted plaintext. Under plain {@code mvn verify} each method replays its inputs in
 * {@code src/test/resources/dev/pdvault/crypto/SealedValueFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1}
 * it fuzzes (docs/operations.md, "Fuzzing").
 */
class SealedValueFuzzTest {

    private static final String PLANTED = "Wang Fang 13912345678 planted-d41f";
    private static final String FIELD = "phone";
    private static final String TOKEN = "tok_0123456789abcdefghjkmnpqrs";
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private static final DataKey KEY = plantedKey();
    private static final byte[] PLANTED_SEAL = KEY.seal(FIELD, TOKEN, PLANTED).bytes();

    @FuzzTest(maxDuration = "2m")
    void base64IsParsedIntoAWellFormedValueOrRefusedWithoutDetail(FuzzedDataProvider data) {
        String text = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);

        SealedValue parsed;
        try {
            parsed = assertTimeoutPreemptively(DEADLINE, () -> SealedValue.fromBase64(text));
        } catch (MalformedSealedValueException e) {
            assertRefusedWithoutDetail(e, "malformed sealed value");
            return;
        }
        byte[] bytes = parsed.bytes();
        assertThat(bytes.length).isGreaterThanOrEqualTo(SealedValue.OVERHEAD);
        assertThat(bytes[0]).isEqualTo(SealedValue.LAYOUT_V1);
        assertThat(SealedValue.fromBase64(parsed.toBase64())).isEqualTo(parsed);
        assertThat(parsed.toString()).doesNotContain(parsed.toBase64());
    }

    @FuzzTest(maxDuration = "2m")
    void anAlteredSealedValueNeverOpensAndItsFailureNeverShowsThePlaintext(FuzzedDataProvider data) {
        byte[] altered = alter(PLANTED_SEAL, data);
        String field = data.consumeBoolean() ? data.consumeAsciiString(16) : FIELD;
        String token = data.consumeBoolean() ? data.consumeAsciiString(40) : TOKEN;

        String opened;
        try {
            opened = assertTimeoutPreemptively(DEADLINE, () -> KEY.openString(field, token, new SealedValue(altered)));
        } catch (MalformedSealedValueException e) {
            assertRefusedWithoutDetail(e, "malformed sealed value");
            return;
        } catch (DecryptionFailedException e) {
            assertRefusedWithoutDetail(e, "invalid ciphertext");
            return;
        }
        assertThat(altered).as("only the unaltered value opens").isEqualTo(PLANTED_SEAL);
        assertThat(field).isEqualTo(FIELD);
        assertThat(token).isEqualTo(TOKEN);
        assertThat(opened).isEqualTo(PLANTED);
    }

    /** Flips, overwrites, cuts and appends bytes as the input says; with no input the value stays as sealed. */
    private static byte[] alter(byte[] sealed, FuzzedDataProvider data) {
        byte[] bytes = sealed.clone();
        int edits = data.consumeInt(0, 6);
        for (int i = 0; i < edits; i++) {
            switch (data.consumeInt(0, 3)) {
                case 0 -> {
                    if (bytes.length > 0) {
                        int at = data.consumeInt(0, bytes.length - 1);
                        bytes[at] ^= (byte) data.consumeInt(1, 255);
                    }
                }
                case 1 -> bytes = Arrays.copyOf(bytes, data.consumeInt(0, bytes.length));
                case 2 -> {
                    byte[] tail = data.consumeBytes(64);
                    byte[] longer = Arrays.copyOf(bytes, bytes.length + tail.length);
                    System.arraycopy(tail, 0, longer, bytes.length, tail.length);
                    bytes = longer;
                }
                default -> {
                    if (bytes.length > 0) {
                        bytes[data.consumeInt(0, bytes.length - 1)] = data.consumeByte();
                    }
                }
            }
        }
        return bytes;
    }

    private static void assertRefusedWithoutDetail(CryptoException e, String message) {
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.getCause()).isNull();
        assertThat(e.toString()).doesNotContain(PLANTED).doesNotContain("13912345678")
                .doesNotContain(Base64.getEncoder().encodeToString(PLANTED_SEAL));
    }

    private static DataKey plantedKey() {
        try {
            Path dir = Files.createTempDirectory("sealed-value-fuzz");
            dir.toFile().deleteOnExit();
            Path kek = dir.resolve("kek.json");
            kek.toFile().deleteOnExit();
            DataKeys keys = new DataKeys(InsecureLocalKeyEncryptionKeys.loadOrGenerate(kek), 10, Duration.ofHours(1));
            return keys.unwrap(keys.generate(new KeyScope("3f1c2a7e-5b6d-4e8f-9a0b-1c2d3e4f5a6b", "profile")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
