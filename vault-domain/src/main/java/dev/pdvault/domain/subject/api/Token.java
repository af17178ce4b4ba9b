package dev.pdvault.domain.subject.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;


/**
 * An opaque reference to one field of collected personal data: {@code tok_} and 26 characters of Crockford
 * base32 carrying 128 random bits. Not derived from the value, so it reveals nothing and cannot be reversed
 * without the vault.
 */
public record Token(@JsonValue String value) {

    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

    public Token {
        if (!isWellFormed(value)) {
            throw new MalformedTokenException();
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Token of(String value) {
        return new Token(value);
    }

    /** The token parser: checked on every request, so a loop rather than a regular expression. */
    public static boolean isWellFormed(String value) {
        if (value == null || value.length() != 30 || !value.startsWith("tok_")) {
            return false;
        }
        for (int i = 4; i < 30; i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
