package dev.pdvault.domain.disclosure.api;

/** The grounds on which personal data may be disclosed publicly (policy: Three (3), Three (4)). */
public enum PublicDisclosureBasis {
    /** Each subject's express consent to the purpose {@code public_disclosure} (Three (3) 1.). */
    CONSENT,
    /**
     * A determined violation of laws or of the platform's rules (Three (3) 2.): only the store's or member's
     * public name, decided by the privacy officer with a reference to the case.
     */
    VIOLATION_OF_RULES,
    /** A listed legal exception invoked by a legal identity, with its reference (Three (4)). */
    LEGAL_EXCEPTION
}
