package dev.pdvault.domain.subject.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** Identifies one erasure of a subject, from its request to its receipt. */
public record ErasureId(@JsonValue String value) {

    public ErasureId {
        Ids.requireUuid(value, "erasure id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ErasureId of(String value) {
        return new ErasureId(value);
    }
}
