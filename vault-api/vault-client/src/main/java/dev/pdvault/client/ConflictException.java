package dev.pdvault.client;

/** 409: the subject's state forbids the call now (e.g. {@code erasure-in-progress}, {@code no-consent-in-force}). */
public final class ConflictException extends VaultProblemException {

    ConflictException(Problem problem) {
        super(problem, null);
    }
}
