package dev.pdvault.domain.access.api;

/** Why an access was denied. Each has a stable problem type and HTTP status in the API. */
public enum DenialReason {
    CALLER_MAY_NOT_DETOKENIZE,
    PURPOSE_NOT_GRANTED_TO_CALLER,
    PURPOSE_NOT_ALLOWED_FOR_DATA,
    UNKNOWN_TOKEN,
    DATA_ERASED,
    INTEGRITY_FAILURE
}
