package dev.pdvault.domain.disclosure.api;

/** The grounds on which personal data may be transferred to another holder (policy: Three (2), Three (4)). */
public enum TransferBasis {
    /** Each subject's clear consent to the purpose {@code transfer} (Three (2) 1.). */
    CONSENT,
    /**
     * A merger, acquisition or bankruptcy liquidation, to a new holder bound by this policy (Three (2) 2.);
     * otherwise the subjects' consent must be sought again.
     */
    MERGER_ACQUISITION_OR_BANKRUPTCY,
    /** A listed legal exception invoked by a legal identity, with its reference (Three (4)). */
    LEGAL_EXCEPTION
}
