package dev.pdvault.domain.subject.api;

/** Why the vault refused a command on a subject's data. Each maps to a stable problem type in the API. */
public enum RefusalReason {
    SUBJECT_ERASED,
    ERASURE_IN_PROGRESS,
    UNKNOWN_TOKEN,
    FIELD_MISMATCH,
    ALREADY_ERASED
}
