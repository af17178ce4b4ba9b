package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.subject.api.Token;

import java.util.Optional;
import java.util.Set;

/**
 * What the vault knew about one requested token when it decided: its target, its state, and for a recipient's
 * identity, the purposes it was shared with that recipient for.
 */
public record TokenFacts(Token token, Optional<AccessedToken> target, TokenState state, Set<Purpose> sharedFor) {

    public TokenFacts {
        sharedFor = Set.copyOf(sharedFor);
    }

    public TokenFacts(Token token, Optional<AccessedToken> target, TokenState state) {
        this(token, target, state, Set.of());
    }

    public static TokenFacts unknown(Token token) {
        return new TokenFacts(token, Optional.empty(), TokenState.UNKNOWN);
    }
}
