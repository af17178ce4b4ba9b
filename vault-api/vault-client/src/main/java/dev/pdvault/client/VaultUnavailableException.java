package dev.pdvault.client;

import java.time.Duration;

/** 503: the vault could not serve the call now. */
public sealed class VaultUnavailableException extends VaultProblemException
        permits VaultSealedException, NotRecordedException {

    VaultUnavailableException(Problem problem, Duration retryAfter) {
        super(problem, retryAfter);
    }
}
