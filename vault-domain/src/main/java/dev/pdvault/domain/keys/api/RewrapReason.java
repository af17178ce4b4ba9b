package dev.pdvault.domain.keys.api;

/** Why a rewrap job was started. */
public enum RewrapReason {
    /** A new primary KEK version. */
    ROTATION,
    /** A KEK version was marked compromised: everything moves away from it at once. */
    COMPROMISE,
    /** A KEK epoch rollover. */
    EPOCH,
    /** An operator asked for it (to finish moving keys, for instance). */
    OPERATOR
}
