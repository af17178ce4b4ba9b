package dev.pdvault.domain.access.api;

import dev.pdvault.domain.subject.api.Token;

import java.util.Optional;

/** What the vault knew about one requested token when it decided: the token's target, if any, and its state. */
public record TokenFacts(Token token, Optional<AccessedToken> target, TokenState state) {

    public static TokenFacts unknown(Token token) {
        return new TokenFacts(token, Optional.empty(), TokenState.UNKNOWN);
    }
}
