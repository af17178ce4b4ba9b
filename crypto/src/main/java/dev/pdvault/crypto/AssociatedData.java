package dev.pdvault.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds the associated data that binds a sealed value to where it belongs. Callers cannot pass their own:
 * {@link DataKey} builds it from the scope, the field and the token, so a ciphertext copied into another
 * subject's, field's or token's row fails to open.
 *
 * <p>Layout: the ASCII label {@code pdvault/v1}, then for each of subject id, key class, field and token a
 * 4-byte big-endian length followed by its UTF-8 bytes. Length prefixes make the encoding unambiguous.
 */
final class AssociatedData {

    private static final byte[] LABEL = "pdvault/v1".getBytes(StandardCharsets.US_ASCII);

    private AssociatedData() {
    }

    static byte[] forValue(KeyScope scope, String field, String token) {
        return encode(scope.subjectId(), scope.keyClass(), field, token);
    }

    static byte[] forWrappedKey(KeyScope scope) {
        return encode("data-keyset", scope.subjectId(), scope.keyClass());
    }

    private static byte[] encode(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(LABEL);
        for (String part : parts) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            out.write(b.length >>> 24);
            out.write(b.length >>> 16);
            out.write(b.length >>> 8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}
