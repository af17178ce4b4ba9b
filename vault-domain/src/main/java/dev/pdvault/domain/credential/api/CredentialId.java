package dev.pdvault.domain.credential.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pdvault.domain.shared.Ids;
import dev.pdvault.domain.shared.InvalidIdException;
import dev.pdvault.domain.subject.api.SubjectId;

/**
 * A subject's credential: {@code credential-} followed by the subject's id. Derived, not random, because a
 * subject has exactly one credential, and the id says whose it is without a lookup.
 */
public record CredentialId(@JsonValue String value) {

    static final String PREFIX = "credential-";

    public CredentialId {
        if (value == null || !value.startsWith(PREFIX) || !Ids.isUuid(value.substring(PREFIX.length()))) {
            throw new InvalidIdException("credential id");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CredentialId of(String value) {
        return new CredentialId(value);
    }

    public static CredentialId of(SubjectId subject) {
        return new CredentialId(PREFIX + subject.value());
    }

    public SubjectId subjectId() {
        return SubjectId.of(value.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return value;
    }
}
