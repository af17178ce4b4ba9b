package dev.pdvault.domain.access.api;

/** What the vault found behind a token when the access was decided. */
public enum TokenState {
    /** The value is there and opened with its subject's key. */
    AVAILABLE,
    /** No such token. */
    UNKNOWN,
    /** The subject's key of this data was destroyed. */
    ERASED,
    /** The sealed value did not open: altered, or copied from another row. */
    UNREADABLE
}
