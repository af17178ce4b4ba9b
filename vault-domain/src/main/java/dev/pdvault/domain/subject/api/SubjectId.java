package dev.pdvault.domain.subject.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** A data subject's id: a random UUID, never derived from personal data. */
public record SubjectId(@JsonValue String value) {

    public SubjectId {
        Ids.requireUuid(value, "subject id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SubjectId of(String value) {
        return new SubjectId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
