package dev.pdvault.api.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import java.util.Optional;

/**
 * Turns a bearer credential into an {@link Identity}: an API key of a configured identity when API keys are on,
 * else a JWT the configured issuer signed for this vault's audience when JWTs are on. Anything else is refused.
 * Neither the credential nor the reason it failed ever leaves this class in a message a caller or a log sees.
 */
final class BearerAuthentication implements AuthenticationManager {

    private final Optional<IdentityRegistry> apiKeys;
    private final Optional<JwtDecoder> jwtDecoder;
    private final Optional<JwtIdentities> jwtIdentities;

    BearerAuthentication(Optional<IdentityRegistry> apiKeys, Optional<JwtDecoder> jwtDecoder,
                         Optional<JwtIdentities> jwtIdentities) {
        this.apiKeys = apiKeys;
        this.jwtDecoder = jwtDecoder;
        this.jwtIdentities = jwtIdentities;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String credential = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (apiKeys.isPresent()) {
            Optional<Identity> identity = apiKeys.get().authenticate(credential);
            if (identity.isPresent()) {
                return new IdentityAuthentication(identity.get());
            }
        }
        if (jwtDecoder.isPresent() && looksLikeJwt(credential)) {
            try {
                return new IdentityAuthentication(jwtIdentities.get().identity(jwtDecoder.get().decode(credential)));
            } catch (JwtException e) {
                throw new InvalidBearerTokenException("the token was not accepted");
            }
        }
        throw new InvalidBearerTokenException("unknown credential");
    }

    private static boolean looksLikeJwt(String credential) {
        int first = credential.indexOf('.');
        return first > 0 && credential.indexOf('.', first + 1) > first + 1 && credential.chars().filter(c -> c == '.')
                .count() == 2;
    }
}
