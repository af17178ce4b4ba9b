package dev.pdvault.domain.security.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** Identifies one recorded security signal (a denial, a count of denials, an anomaly). */
public record SignalId(@JsonValue String value) {

    public SignalId {
        Ids.requireUuid(value, "signal id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SignalId of(String value) {
        return new SignalId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
