package dev.pdvault.domain.keys.api;

/** Why a subject's data key got a new primary key. */
public enum RotationReason {
    /** A security officer rotated this subject's keys. */
    MANUAL,
    /** The key's encryptions reached {@code vault.crypto.max-encryptions-per-key}. */
    THRESHOLD,
    /** A security officer rotated every live data key of the vault. */
    ALL
}
