package dev.pdvault.crypto;

import java.util.Objects;

/**
 * The unit a data keyset protects: one data subject and one key class (a retention class), so that records
 * under legal retention can outlive the erasure of the rest of a subject's data.
 */
public record KeyScope(String subjectId, String keyClass) {

    public KeyScope {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(keyClass, "keyClass");
        if (subjectId.isBlank() || keyClass.isBlank()) {
            throw new IllegalArgumentException("a key scope needs a subject and a key class");
        }
    }
}
