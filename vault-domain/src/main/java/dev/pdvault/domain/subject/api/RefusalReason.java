package dev.pdvault.domain.subject.api;

/** Why the vault refused a command on a subject's data. Each maps to a stable problem type in the API. */
public enum RefusalReason {
    SUBJECT_ERASED,
    ERASURE_IN_PROGRESS,
    UNKNOWN_TOKEN,
    FIELD_MISMATCH,
    ALREADY_ERASED,
    /** An additional purpose or a sensitive category, and no consent to it was ever given. */
    CONSENT_REQUIRED,
    /** The consent it needs was withdrawn. */
    CONSENT_WITHDRAWN,
    /** The consent it needs was given under a policy version a major change replaced. */
    CONSENT_ON_HOLD,
    /** The subject is under 14: consent must come from a guardian, whose identity is recorded. */
    GUARDIAN_CONSENT_REQUIRED,
    /** There is no consent in force to withdraw. */
    NO_CONSENT_IN_FORCE,
    /** The collection named is not a record of this subject. */
    UNKNOWN_COLLECTION,
    /** No such hold is in force on the subject. */
    NO_SUCH_HOLD
}
