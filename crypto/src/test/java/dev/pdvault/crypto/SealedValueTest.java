package dev.pdvault.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedValueTest {

    private static final String TOKEN = "tok_0123456789abcdefghjkmnpqrs";

    @TempDir
    Path tempDir;

    private SealedValue sealReal(String plaintext) {
        DataKeys dataKeys = new DataKeys(InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("kek.json")),
                10, Duration.ofMinutes(1));
        return dataKeys.unwrap(dataKeys.generate(new KeyScope("0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f", "profile")))
                .seal("email", TOKEN, plaintext);
    }

    private static byte[] wellFormed(int keyId, int ciphertextLength) {
        byte[] bytes = new byte[SealedValue.OVERHEAD + ciphertextLength];
        bytes[0] = 0x01;
        bytes[1] = 0x01;
        ByteBuffer.wrap(bytes, 2, 4).putInt(keyId);
        for (int i = 6; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        return bytes;
    }

    @Test
    void realSealedValueHasTheDocumentedLayout() {
        String plaintext = "alice.liddell@example.com";

        SealedValue sealed = sealReal(plaintext);
        byte[] bytes = sealed.bytes();

        assertThat(bytes[0]).isEqualTo((byte) 0x01).isEqualTo(SealedValue.LAYOUT_V1);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        int bigEndianKeyId = ((bytes[2] & 0xff) << 24) | ((bytes[3] & 0xff) << 16) | ((bytes[4] & 0xff) << 8)
                | (bytes[5] & 0xff);
        assertThat(sealed.keyVersion()).isEqualTo(Integer.toUnsignedLong(bigEndianKeyId));
        assertThat(bytes).hasSize(plaintext.getBytes(StandardCharsets.UTF_8).length + SealedValue.OVERHEAD);
    }

    @Test
    void overheadIsLayoutByteTinkPrefixNonceAndTag() {
        assertThat(SealedValue.OVERHEAD).isEqualTo(1 + 5 + 12 + 16);
        assertThat(sealReal("").bytes()).hasSize(SealedValue.OVERHEAD);
    }

    @Test
    void valuesSealedUnderOneKeyShareTheKeyVersion() {
        DataKeys dataKeys = new DataKeys(InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("kek.json")),
                10, Duration.ofMinutes(1));
        DataKey key = dataKeys.unwrap(dataKeys.generate(new KeyScope("0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f", "x")));

        assertThat(key.seal("a", TOKEN, "one").keyVersion()).isEqualTo(key.seal("b", TOKEN, "two").keyVersion());
    }

    @Test
    void keyVersionIsTheBigEndianIntAtBytesTwoToFive() {
        assertThat(new SealedValue(wellFormed(0x12345678, 3)).keyVersion()).isEqualTo(0x12345678);
        assertThat(new SealedValue(wellFormed(1, 0)).keyVersion()).isEqualTo(1);
        assertThat(new SealedValue(wellFormed(0xfedcba98, 0)).keyVersion()).isEqualTo(0xfedcba98L);
    }

    @Test
    void acceptsTheShortestWellFormedValue() {
        assertThat(new SealedValue(wellFormed(42, 0)).bytes()).hasSize(SealedValue.OVERHEAD);
    }

    static Stream<byte[]> malformedBytes() {
        byte[] wrongLayout = wellFormed(7, 4);
        wrongLayout[0] = 0x02;
        byte[] zeroLayout = wellFormed(7, 4);
        zeroLayout[0] = 0x00;
        byte[] rawTinkPrefix = wellFormed(7, 4);
        rawTinkPrefix[1] = 0x00;
        byte[] unknownPrefix = wellFormed(7, 4);
        unknownPrefix[1] = 0x02;
        return Stream.of(
                null,
                new byte[0],
                new byte[] {0x01},
                new byte[] {0x01, 0x01},
                Arrays.copyOf(wellFormed(7, 0), SealedValue.OVERHEAD - 1),
                wrongLayout,
                zeroLayout,
                rawTinkPrefix,
                unknownPrefix);
    }

    @ParameterizedTest
    @MethodSource("malformedBytes")
    void refusesMalformedBytesWithoutDetail(byte[] bytes) {
        assertThatThrownBy(() -> new SealedValue(bytes))
                .isInstanceOf(MalformedSealedValueException.class)
                .hasMessage("malformed sealed value");
    }

    static Stream<String> malformedBase64() {
        byte[] wrongLayout = wellFormed(7, 4);
        wrongLayout[0] = 0x02;
        return Stream.of(
                null,
                "",
                "not base64 at all!",
                "AQE=",
                "%%%%",
                Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff}),
                Base64.getEncoder().encodeToString(wrongLayout),
                Base64.getEncoder().encodeToString(wellFormed(7, 4)).substring(1));
    }

    @ParameterizedTest
    @MethodSource("malformedBase64")
    void refusesMalformedBase64WithoutDetail(String base64) {
        assertThatThrownBy(() -> SealedValue.fromBase64(base64))
                .isInstanceOf(MalformedSealedValueException.class)
                .hasMessage("malformed sealed value");
    }

    @Test
    void malformedValueExceptionIsACryptoException() {
        assertThatThrownBy(() -> new SealedValue(new byte[3])).isInstanceOf(CryptoException.class);
    }

    @Test
    void base64RoundTripGivesAnEqualValue() {
        SealedValue sealed = sealReal("alice");

        SealedValue parsed = SealedValue.fromBase64(sealed.toBase64());

        assertThat(parsed).isEqualTo(sealed).hasSameHashCodeAs(sealed);
        assertThat(parsed.bytes()).isEqualTo(sealed.bytes());
        assertThat(sealed.toBase64()).isEqualTo(Base64.getEncoder().encodeToString(sealed.bytes()));
    }

    @Test
    void equalityFollowsTheBytes() {
        assertThat(new SealedValue(wellFormed(7, 4))).isEqualTo(new SealedValue(wellFormed(7, 4)));
        assertThat(new SealedValue(wellFormed(7, 4))).isNotEqualTo(new SealedValue(wellFormed(8, 4)));
    }

    @Test
    void toStringNeverShowsTheBytes() {
        SealedValue sealed = sealReal("alice.liddell@example.com");
        byte[] bytes = sealed.bytes();
        byte[] body = Arrays.copyOfRange(bytes, 6, bytes.length);

        String text = sealed.toString();

        assertThat(text)
                .doesNotContain(sealed.toBase64())
                .doesNotContain(Base64.getEncoder().encodeToString(body))
                .doesNotContain(HexFormat.of().formatHex(body))
                .doesNotContain(HexFormat.of().withUpperCase().formatHex(body))
                .doesNotContain(Arrays.toString(bytes))
                .doesNotContain("[B@")
                .doesNotContain("alice");
        assertThat(text).isEqualTo("SealedValue[v" + sealed.keyVersion() + ", " + bytes.length + " bytes]");
    }

    @Test
    void isImmutableAgainstTheCallersArrays() {
        byte[] input = wellFormed(7, 4);
        SealedValue sealed = new SealedValue(input);
        byte[] expected = input.clone();

        input[10] ^= 0x55;
        sealed.bytes()[11] ^= 0x55;

        assertThat(sealed.bytes()).isEqualTo(expected);
    }
}
