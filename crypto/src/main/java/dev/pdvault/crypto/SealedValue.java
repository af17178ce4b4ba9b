package dev.pdvault.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * A value sealed with a subject's data key. It is safe to store anywhere: without the data key it reveals
 * nothing but its length.
 *
 * <p>Byte layout (version 1), documented in {@code docs/architecture.md}:
 * <pre>
 * offset  size  content
 * 0       1     layout version, 0x01
 * 1       1     Tink output prefix marker, 0x01
 * 2       4     key id of the data-keyset key that sealed it (big-endian): the key version
 * 6       12    AES-GCM nonce (random)
 * 18      n     ciphertext
 * 18+n    16    GCM tag
 * </pre>
 * The associated data (not stored) binds the value to its subject, key class, field and token; see
 * {@link AssociatedData}.
 */
public record SealedValue(byte[] bytes) {

    /** The current layout version. */
    public static final byte LAYOUT_V1 = 0x01;
    /** Bytes a sealed value adds to its plaintext. */
    public static final int OVERHEAD = 1 + 5 + 12 + 16;

    public SealedValue {
        if (bytes == null || bytes.length < OVERHEAD || bytes[0] != LAYOUT_V1 || bytes[1] != 0x01) {
            throw new MalformedSealedValueException();
        }
        bytes = bytes.clone();
    }

    /** Parses the base64 form produced by {@link #toBase64()}; any malformed input is refused without detail. */
    public static SealedValue fromBase64(String base64) {
        try {
            return new SealedValue(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedSealedValueException();
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The key version (Tink key id, an unsigned 32-bit number) that sealed this value. */
    public long keyVersion() {
        return Integer.toUnsignedLong(ByteBuffer.wrap(bytes, 2, 4).getInt());
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    byte[] tinkCiphertext() {
        return Arrays.copyOfRange(bytes, 1, bytes.length);
    }

    static SealedValue ofTinkCiphertext(byte[] tink) {
        byte[] out = new byte[tink.length + 1];
        out[0] = LAYOUT_V1;
        System.arraycopy(tink, 0, out, 1, tink.length);
        return new SealedValue(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedValue other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SealedValue[v" + keyVersion() + ", " + bytes.length + " bytes]";
    }
}
