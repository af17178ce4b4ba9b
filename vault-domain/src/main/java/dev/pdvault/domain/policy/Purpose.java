package dev.pdvault.domain.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** A purpose of processing from the privacy policy, such as delivery or payment. */
public record Purpose(@JsonValue String name) {

    public Purpose {
        Ids.requireName(name, "purpose");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Purpose of(String name) {
        return new Purpose(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
