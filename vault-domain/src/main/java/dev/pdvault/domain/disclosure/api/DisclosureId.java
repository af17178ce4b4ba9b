package dev.pdvault.domain.disclosure.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** Identifies one transfer, public disclosure or statistics release and its record. */
public record DisclosureId(@JsonValue String value) {

    public DisclosureId {
        Ids.requireUuid(value, "disclosure id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DisclosureId of(String value) {
        return new DisclosureId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
