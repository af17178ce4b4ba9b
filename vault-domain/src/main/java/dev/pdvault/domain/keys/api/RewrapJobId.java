package dev.pdvault.domain.keys.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** One rewrap job: moving every live data key to the primary KEK version. A UUID. */
public record RewrapJobId(@JsonValue String value) {

    public RewrapJobId {
        Ids.requireUuid(value, "rewrap job id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RewrapJobId of(String value) {
        return new RewrapJobId(value);
    }
}
