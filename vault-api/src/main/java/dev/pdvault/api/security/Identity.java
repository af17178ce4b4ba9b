package dev.pdvault.api.security;

import dev.pdvault.domain.access.api.CallerGrant;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;

import java.util.Set;

/** An authenticated service identity: its name, roles, and the purposes it may detokenize for. */
public record Identity(Caller caller, Set<Role> roles, Set<Purpose> purposes) {

    public Identity {
        roles = Set.copyOf(roles);
        purposes = Set.copyOf(purposes);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public CallerGrant grant() {
        return new CallerGrant(has(Role.DETOKENIZER), purposes);
    }
}
