package dev.pdvault.client;

/** 500 and other server errors, e.g. {@code integrity-failure}: a sealed value did not open. */
public final class VaultServerException extends VaultProblemException {

    VaultServerException(Problem problem) {
        super(problem, null);
    }
}
