package dev.pdvault.api.request;

import dev.pdvault.api.web.VaultProblem;
import org.springframework.http.HttpStatus;

import java.util.Locale;

/** The problems of data-subject requests; each names only what the vault defines, never a value from the request. */
final class RequestProblems {

    private RequestProblems() {
    }

    static VaultProblem unknownRequest() {
        return VaultProblem.of(HttpStatus.NOT_FOUND, "unknown-request", "Unknown request", "No such request.");
    }

    static VaultProblem identityNotVerified() {
        return VaultProblem.of(HttpStatus.CONFLICT, "identity-not-verified", "Identity not verified",
                "The subject's identity must be verified before the request is fulfilled.");
    }

    static VaultProblem requestClosed() {
        return VaultProblem.of(HttpStatus.CONFLICT, "request-closed", "Request closed",
                "The request was already fulfilled or refused.");
    }

    static VaultProblem appealNotPossible() {
        return VaultProblem.of(HttpStatus.CONFLICT, "appeal-not-possible", "Appeal not possible",
                "Only an explained automated decision can be appealed, once.");
    }

    static VaultProblem detailsMismatch() {
        return VaultProblem.of(HttpStatus.BAD_REQUEST, "request-details-mismatch", "Details do not fit the kind",
                "A deletion names its deletionGround, a consent withdrawal its purpose (and category), an automated"
                        + " decision explanation its decisionReference; other kinds name none of these.");
    }

    static VaultProblem explanationRequired() {
        return VaultProblem.of(HttpStatus.BAD_REQUEST, "explanation-required", "Explanation required",
                "An automated decision is explained with its inputs and the explanation given.");
    }

    static VaultProblem invalid(String what) {
        return VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-" + what, "Invalid " + what.replace('-', ' '),
                "The " + what.replace('-', ' ') + " is not one the vault knows.");
    }

    static <E extends Enum<E>> E parse(Class<E> type, String raw, String what) {
        if (raw == null) {
            throw invalid(what);
        }
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(what);
        }
    }
}
