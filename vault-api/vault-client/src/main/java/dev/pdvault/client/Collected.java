package dev.pdvault.client;

import java.util.Map;

/** A collected record: its id (to complete a transaction later) and one new token per field. */
public record Collected(String collectionId, Map<String, Token> tokens) {

    public Collected {
        tokens = Map.copyOf(tokens);
    }

    public Token token(String field) {
        Token token = tokens.get(field);
        if (token == null) {
            throw new IllegalArgumentException("The record has no field " + field);
        }
        return token;
    }
}
