package dev.pdvault.domain.security.api;

/** Why a request was turned away before it reached a handler's own decision. */
public enum DenialCause {
    /** No {@code Authorization: Bearer} credential (401). */
    NO_CREDENTIAL,
    /** A credential the vault does not accept: unknown key, bad signature, expired, wrong issuer or audience (401). */
    INVALID_CREDENTIAL,
    /** An authenticated identity whose roles the endpoint does not admit (403). */
    ROLE_NOT_PERMITTED,
    /** An authenticated identity over its rate limit (429). */
    RATE_LIMITED
}
