package dev.pdvault.client;

/** 400, 413 or 422: the request was refused as it stands (malformed, unknown names, over a limit); nothing was stored. */
public final class InvalidRequestException extends VaultProblemException {

    InvalidRequestException(Problem problem) {
        super(problem, null);
    }
}
