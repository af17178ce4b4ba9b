package dev.pdvault.client;

import java.time.Duration;

/** 503 {@code vault-sealed}: the vault cannot use its key-encryption key and serves nothing until it can. */
public final class VaultSealedException extends VaultUnavailableException {

    static final String REASON = "vault-sealed";

    VaultSealedException(Problem problem, Duration retryAfter) {
        super(problem, retryAfter);
    }
}
