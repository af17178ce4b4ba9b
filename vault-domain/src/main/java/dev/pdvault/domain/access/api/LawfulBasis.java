package dev.pdvault.domain.access.api;

/** On what ground an allowed access rested; recorded with it. */
public enum LawfulBasis {
    /** A basic purpose of a category that is not sensitive: needed to perform the contract with the subject. */
    CONTRACT,
    /** The subject's consent in force (and its explicit consent to a sensitive category). */
    CONSENT,
    /** A listed legal exception invoked by a privileged identity, with its reference. */
    LEGAL_EXCEPTION
}
