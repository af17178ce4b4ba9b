package dev.pdvault.domain.policy;

import java.util.Objects;

/**
 * A legal exception invoked for one access or share, with the reference that justifies it (a case number, an
 * order of an authority). The reference is shown in the subject's history, so it must not carry personal data:
 * it is limited to a short code.
 */
public record LegalBasis(LegalException exception, String reference) {

    public LegalBasis {
        Objects.requireNonNull(exception, "exception");
        if (!isReference(reference)) {
            throw new dev.pdvault.domain.shared.InvalidIdException("legal reference");
        }
    }

    /** 1 to 64 characters of letters, digits and {@code -_/.:#}. */
    public static boolean isReference(String value) {
        return value != null && value.matches("[A-Za-z0-9][A-Za-z0-9 _/.:#-]{0,63}");
    }
}
