package dev.pdvault.api.security;

import dev.pdvault.domain.access.api.CallerGrant;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;

import java.util.Optional;
import java.util.Set;
import dev.pdvault.domain.policy.Recipient;

/**
 * An authenticated service identity: its name, roles, the purposes it may detokenize for, the recipient it
 * speaks for (if any), and the region it processes data in.
 */
public record Identity(Caller caller, Set<Role> roles, Set<Purpose> purposes, Optional<Recipient> recipient,
                       String region) {

    public Identity {
        roles = Set.copyOf(roles);
        purposes = Set.copyOf(purposes);
    }

    public Identity(Caller caller, Set<Role> roles, Set<Purpose> purposes) {
        this(caller, roles, purposes, Optional.empty(), "CN");
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public CallerGrant grant() {
        return new CallerGrant(has(Role.DETOKENIZER), purposes, has(Role.LEGAL), recipient, region);
    }
}
