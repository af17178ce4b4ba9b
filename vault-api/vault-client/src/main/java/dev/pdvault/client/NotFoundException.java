package dev.pdvault.client;

/** 404: an unknown subject, token, request or hold. */
public final class NotFoundException extends VaultProblemException {

    NotFoundException(Problem problem) {
        super(problem, null);
    }
}
