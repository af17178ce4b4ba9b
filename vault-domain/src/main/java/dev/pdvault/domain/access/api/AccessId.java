package dev.pdvault.domain.access.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** Identifies one detokenization request and its record. */
public record AccessId(@JsonValue String value) {

    public AccessId {
        Ids.requireUuid(value, "access id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AccessId of(String value) {
        return new AccessId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
