package dev.pdvault.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An opaque token that stands for one value in the vault. It reveals nothing; only the vault can open it. */
public record Token(String value) {

    @JsonCreator
    public Token {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A token is not blank.");
        }
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
