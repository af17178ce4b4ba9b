package dev.pdvault.api.subject;

import dev.pdvault.domain.subject.api.Token;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;

/** New tokens: 128 bits from a CSPRNG in Crockford base32, never derived from the value they stand for. */
@Component
public class TokenGenerator {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private final SecureRandom random = new SecureRandom();

    public Token next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        // 128 bits as 26 base32 digits: the first digit carries the top 3 bits (value 0..7).
        long hi = toLong(bytes, 0);
        long lo = toLong(bytes, 8);
        char[] digits = new char[26];
        for (int i = 25; i >= 0; i--) {
            int d = (int) (lo & 31);
            digits[i] = ALPHABET[d];
            lo = (lo >>> 5) | ((hi & 31) << 59);
            hi >>>= 5;
        }
        return new Token("tok_" + new String(digits));
    }

    private static long toLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
