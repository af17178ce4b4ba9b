package dev.pdvault.api.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated request's {@link Identity}, however it authenticated (API key or JWT). */
final class IdentityAuthentication extends AbstractAuthenticationToken {

    private final Identity identity;

    IdentityAuthentication(Identity identity) {
        super(identity.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList());
        this.identity = identity;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Identity getPrincipal() {
        return identity;
    }

    @Override
    public String getName() {
        return identity.caller().name();
    }
}
