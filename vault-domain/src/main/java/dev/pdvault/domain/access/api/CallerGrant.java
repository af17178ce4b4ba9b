package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Recipient;

import java.util.Optional;
import java.util.Set;

/**
 * What the calling identity may do, as configured: whether it may detokenize at all and for which purposes,
 * whether it may invoke the policy's legal exceptions, whether it is a recipient's identity (which sees only
 * what was shared with it), and the region it processes data in.
 */
public record CallerGrant(boolean mayDetokenize, Set<Purpose> purposes, boolean mayInvokeLegalExceptions,
                          Optional<Recipient> recipient, String region) {

    public CallerGrant {
        purposes = Set.copyOf(purposes);
    }

    public CallerGrant(boolean mayDetokenize, Set<Purpose> purposes) {
        this(mayDetokenize, purposes, false, Optional.empty(), "CN");
    }

    /** Whether the grant alone lets the caller detokenize for the purpose (the data's own rules come on top). */
    public boolean permits(Purpose purpose) {
        return mayDetokenize && purposes.contains(purpose);
    }

    public static CallerGrant none() {
        return new CallerGrant(false, Set.of());
    }
}
