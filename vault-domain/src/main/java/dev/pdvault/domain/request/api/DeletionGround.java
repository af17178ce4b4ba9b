package dev.pdvault.domain.request.api;

/** The cases in which the policy accepts a deletion request (policy: V (2) 1.-5.). */
public enum DeletionGround {
    /** 1. Our handling of personal information violates laws and regulations. */
    UNLAWFUL_PROCESSING,
    /** 2. We collected and used personal information without clear consent. */
    NO_CONSENT,
    /** 3. Our handling seriously violates the agreement with the subject. */
    BREACH_OF_AGREEMENT,
    /** 4. The subject no longer uses our products or services, or cancelled the account. */
    NO_LONGER_USED_OR_ACCOUNT_CANCELLED,
    /** 5. We permanently no longer provide the products or services. */
    SERVICE_DISCONTINUED
}
