package dev.pdvault.domain.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** A retention class; each subject has one data key per class, so classes are shredded separately. */
public record KeyClass(@JsonValue String name) {

    public KeyClass {
        Ids.requireName(name, "key class");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static KeyClass of(String name) {
        return new KeyClass(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
