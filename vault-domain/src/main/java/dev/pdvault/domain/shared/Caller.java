package dev.pdvault.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The authenticated identity (a service, an officer) on whose behalf a command runs. */
public record Caller(@JsonValue String name) {

    public Caller {
        Ids.requireName(name, "caller");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Caller of(String name) {
        return new Caller(name);
    }
}
