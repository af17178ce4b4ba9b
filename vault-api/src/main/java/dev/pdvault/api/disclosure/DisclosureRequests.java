package dev.pdvault.api.disclosure;

import dev.pdvault.api.access.DetokenizeController;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.disclosure.api.Discloser;
import dev.pdvault.domain.policy.LegalBasis;
import org.springframework.http.HttpStatus;

import java.util.Locale;
import java.util.Optional;

/** The checks every transfer and disclosure request passes before anything is read or recorded. */
final class DisclosureRequests {

    private DisclosureRequests() {
    }

    static <E extends Enum<E>> E basis(Class<E> type, String raw) {
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "unknown-basis", "Unknown basis",
                    "The basis is not one this operation accepts.");
        }
    }

    /** A legal basis is named exactly with the basis LEGAL_EXCEPTION. */
    static Optional<LegalBasis> legalBasis(boolean legalException, DetokenizeController.LegalBasisRequest request) {
        if (legalException != (request != null)) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "legal-basis-mismatch", "Legal basis mismatch",
                    "A legalBasis is given exactly with the basis LEGAL_EXCEPTION.");
        }
        return Optional.ofNullable(request).map(DetokenizeController.LegalBasisRequest::toBasis);
    }

    /** A short code of the deal or case; shown in the subjects' history, so never free text. */
    static Optional<String> reference(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        if (!LegalBasis.isReference(raw)) {
            throw VaultProblem.invalidField("reference");
        }
        return Optional.of(raw);
    }

    static Discloser discloser(Identity identity) {
        return new Discloser(identity.has(Role.PRIVACY_OFFICER), identity.has(Role.LEGAL));
    }

    static void requireCount(int count, int max, String what) {
        if (count < 1 || count > max) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-" + what + "-count", "Invalid number of " + what + "s",
                    "A request names between 1 and " + max + " " + what + "s.");
        }
    }
}
