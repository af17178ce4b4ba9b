package dev.pdvault.domain.keys.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.InvalidIdException;

/**
 * One version of the key-encryption key, by the id stored beside every data key it wraps ({@code local-<id>}
 * for the development keyset, a key URI for a KMS). An id, never key material.
 */
public record KekVersion(@JsonValue String value) {

    public KekVersion {
        if (value == null || value.isEmpty() || value.length() > 512
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidIdException("KEK version");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static KekVersion of(String value) {
        return new KekVersion(value);
    }
}
