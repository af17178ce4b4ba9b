package dev.pdvault.domain.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** Where collected data came from: the subject, a service, a third party. */
public record Source(@JsonValue String name) {

    public Source {
        Ids.requireName(name, "source");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Source of(String name) {
        return new Source(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
