package dev.pdvault.domain.access.api;

/** Why an access was denied, in the order the policy checks. Each has a stable problem type and HTTP status. */
public enum DenialReason {
    CALLER_MAY_NOT_DETOKENIZE,
    LEGAL_EXCEPTION_NOT_PERMITTED_FOR_CALLER,
    PURPOSE_NOT_GRANTED_TO_CALLER,
    UNKNOWN_TOKEN,
    PURPOSE_NOT_ALLOWED_FOR_CATEGORY,
    FIELD_NOT_DETOKENIZABLE,
    DATA_ERASED,
    NOT_SHARED_WITH_RECIPIENT,
    CROSS_BORDER_TRANSFER_NOT_PERMITTED,
    OPTED_OUT,
    CONSENT_MISSING,
    CONSENT_WITHDRAWN,
    CONSENT_ON_HOLD,
    INTEGRITY_FAILURE
}
