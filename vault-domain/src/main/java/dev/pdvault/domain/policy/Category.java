package dev.pdvault.domain.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** A data category of the privacy policy, such as membership or order. */
public record Category(@JsonValue String name) {

    public Category {
        Ids.requireName(name, "category");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Category of(String name) {
        return new Category(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
