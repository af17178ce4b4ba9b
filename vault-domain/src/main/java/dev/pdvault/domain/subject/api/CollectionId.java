package dev.pdvault.domain.subject.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;

/** Identifies one collection (one record of several fields) of a subject's data. */
public record CollectionId(@JsonValue String value) {

    public CollectionId {
        Ids.requireUuid(value, "collection id");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CollectionId of(String value) {
        return new CollectionId(value);
    }
}
