package dev.pdvault.domain.access.api;

/**
 * Why an access, share, transfer, public disclosure or statistics release was denied. Each has a stable problem
 * type and HTTP status.
 */
public enum DenialReason {
    CALLER_MAY_NOT_DETOKENIZE,
    LEGAL_EXCEPTION_NOT_PERMITTED_FOR_CALLER,
    PURPOSE_NOT_GRANTED_TO_CALLER,
    UNKNOWN_TOKEN,
    PURPOSE_NOT_ALLOWED_FOR_CATEGORY,
    FIELD_NOT_DETOKENIZABLE,
    DATA_ERASED,
    NOT_SHARED_WITH_RECIPIENT,
    FIELD_NOT_ALLOWED_FOR_RECIPIENT,
    CROSS_BORDER_TRANSFER_NOT_PERMITTED,
    OPTED_OUT,
    CONSENT_MISSING,
    CONSENT_WITHDRAWN,
    CONSENT_ON_HOLD,
    INTEGRITY_FAILURE,
    /** The identity may not decide a transfer or public disclosure on this basis (privacy officer's decisions). */
    CALLER_MAY_NOT_DISCLOSE,
    /** A subject named in a transfer is not known to the vault. */
    UNKNOWN_SUBJECT,
    /** The basis needs a reference to the deal or case, and none was given. */
    REFERENCE_REQUIRED,
    /** A merger's new holder is not bound by this policy: the subjects' consent must be sought again. */
    SUCCESSOR_NOT_BOUND_BY_POLICY,
    /** The basis does not cover this category or field (a rule violation discloses only the public name). */
    CATEGORY_NOT_DISCLOSABLE,
    /** Aggregated statistics go only to recipients of kind advertising client. */
    NOT_AN_ADVERTISING_CLIENT,
    /** Aggregated statistics are released only for advertising. */
    PURPOSE_NOT_FOR_STATISTICS
}
