package dev.pdvault.domain.access.api;

import java.util.Objects;
import java.util.Optional;

/** The outcome of an access decision: allowed on a lawful basis, or denied for one reason. */
public record Decision(Optional<DenialReason> denial, Optional<LawfulBasis> basis) {

    public Decision {
        if (denial.isPresent() == basis.isPresent()) {
            throw new IllegalArgumentException("a decision is either allowed on a basis or denied for a reason");
        }
    }

    public static Decision allow(LawfulBasis basis) {
        return new Decision(Optional.empty(), Optional.of(Objects.requireNonNull(basis)));
    }

    public static Decision deny(DenialReason reason) {
        return new Decision(Optional.of(reason), Optional.empty());
    }

    public boolean allowed() {
        return denial.isEmpty();
    }
}
