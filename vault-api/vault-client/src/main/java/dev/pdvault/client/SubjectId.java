package dev.pdvault.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** A data subject's id as the vault makes it: a lower-case canonical UUID. */
public record SubjectId(String value) {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @JsonCreator
    public SubjectId {
        if (value == null || !UUID.matcher(value).matches()) {
            throw new IllegalArgumentException("A subject id is a lower-case UUID.");
        }
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
