package dev.pdvault.domain.subject.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * An opaque reference to one field of collected personal data: {@code tok_} and 26 characters of Crockford
 * base32 carrying 128 random bits. Not derived from the value, so it reveals nothing and cannot be reversed
 * without the vault.
 */
public record Token(@JsonValue String value) {

    private static final Pattern SHAPE = Pattern.compile("tok_[0-9abcdefghjkmnpqrstvwxyz]{26}");

    public Token {
        if (!isWellFormed(value)) {
            throw new MalformedTokenException();
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Token of(String value) {
        return new Token(value);
    }

    public static boolean isWellFormed(String value) {
        return value != null && value.length() == 30 && SHAPE.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
