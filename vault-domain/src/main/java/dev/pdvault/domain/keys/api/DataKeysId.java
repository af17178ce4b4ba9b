package dev.pdvault.domain.keys.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;
import dev.pdvault.domain.shared.InvalidIdException;
import dev.pdvault.domain.subject.api.SubjectId;

/**
 * The history of one subject's data keys: {@code data-keys-} followed by the subject's id. Derived, not random:
 * a subject has one such history, and rotations never contend on the subject's own event stream.
 */
public record DataKeysId(@JsonValue String value) {

    static final String PREFIX = "data-keys-";

    public DataKeysId {
        if (value == null || !value.startsWith(PREFIX) || !Ids.isUuid(value.substring(PREFIX.length()))) {
            throw new InvalidIdException("data keys id");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DataKeysId of(String value) {
        return new DataKeysId(value);
    }

    public static DataKeysId of(SubjectId subject) {
        return new DataKeysId(PREFIX + subject.value());
    }

    public SubjectId subjectId() {
        return SubjectId.of(value.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return value;
    }
}
