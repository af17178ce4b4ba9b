package dev.pdvault.api.credential;

import dev.pdvault.api.web.VaultProblem;
import org.springframework.http.HttpStatus;

/** The problems only the password endpoints answer; none carries anything of the request. */
final class PasswordProblems {

    private PasswordProblems() {
    }

    static VaultProblem invalidPassword(int min, int max) {
        return VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-password", "Invalid password",
                "A password has between " + min + " and " + max + " characters.");
    }

    static VaultProblem noPassword() {
        return VaultProblem.of(HttpStatus.NOT_FOUND, "no-password", "No password",
                "This subject has no password set.");
    }

    static VaultProblem integrityFailure() {
        return VaultProblem.of(HttpStatus.INTERNAL_SERVER_ERROR, "integrity-failure", "Integrity failure",
                "The sealed password hash did not open.");
    }
}
