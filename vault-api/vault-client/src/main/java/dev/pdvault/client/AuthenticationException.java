package dev.pdvault.client;

/** 401: no API key, or one the vault does not know. */
public final class AuthenticationException extends VaultProblemException {

    AuthenticationException(Problem problem) {
        super(problem, null);
    }
}
