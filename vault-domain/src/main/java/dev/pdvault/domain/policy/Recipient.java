package dev.pdvault.domain.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** A named recipient of shared personal data, declared in the catalogue (a delivery company, a bank). */
public record Recipient(@JsonValue String name) {

    public Recipient {
        Ids.requireName(name, "recipient");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Recipient of(String name) {
        return new Recipient(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
