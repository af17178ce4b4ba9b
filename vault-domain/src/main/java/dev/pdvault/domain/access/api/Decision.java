package dev.pdvault.domain.access.api;

import java.util.Optional;

/** The outcome of an access decision: allowed, or denied for one reason. */
public record Decision(Optional<DenialReason> denial) {

    public static final Decision ALLOW = new Decision(Optional.empty());

    public static Decision deny(DenialReason reason) {
        return new Decision(Optional.of(reason));
    }

    public boolean allowed() {
        return denial.isEmpty();
    }
}
