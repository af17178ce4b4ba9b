package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.Purpose;

import java.util.Set;

/** What the calling identity may do, as configured: whether it may detokenize at all, and for which purposes. */
public record CallerGrant(boolean mayDetokenize, Set<Purpose> purposes) {

    public CallerGrant {
        purposes = Set.copyOf(purposes);
    }

    /** Whether the grant alone lets the caller detokenize for the purpose (the data's own rules come on top). */
    public boolean permits(Purpose purpose) {
        return mayDetokenize && purposes.contains(purpose);
    }

    public static CallerGrant none() {
        return new CallerGrant(false, Set.of());
    }
}
