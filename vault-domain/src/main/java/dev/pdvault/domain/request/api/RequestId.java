package dev.pdvault.domain.request.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** Identifies one data-subject request: a random UUID. */
public record RequestId(@JsonValue String value) {

    public RequestId {
        Ids.requireUuid(value, "request id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RequestId of(String value) {
        return new RequestId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
