package dev.pdvault.domain.subject.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** Identifies one legal hold on a subject's data. */
public record HoldId(@JsonValue String value) {

    public HoldId {
        Ids.requireUuid(value, "hold id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static HoldId of(String value) {
        return new HoldId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
