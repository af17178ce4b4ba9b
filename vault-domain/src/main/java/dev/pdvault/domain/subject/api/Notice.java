package dev.pdvault.domain.subject.api;

/** What recipients of a subject's data are told (policy V (2)): delete it, or stop processing it. */
public enum Notice {
    /** The subject was erased: delete what you received. */
    ERASURE,
    /** The subject withdrew the consent you received data under: stop processing it. */
    STOP
}
