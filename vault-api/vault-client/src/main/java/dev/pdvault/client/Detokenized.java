package dev.pdvault.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values behind tokens, in the order the tokens were asked for (duplicates once). It holds plaintext, so
 * its {@code toString} gives the count only.
 */
public final class Detokenized {

    private final Map<Token, String> values;

    Detokenized(Map<Token, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @throws IllegalArgumentException when the token was not asked for */
    public String value(Token token) {
        String value = values.get(token);
        if (value == null) {
            throw new IllegalArgumentException("Token not in this answer: " + token);
        }
        return value;
    }

    public Map<Token, String> values() {
        return values;
    }

    public int size() {
        return values.size();
    }

    @Override
    public String toString() {
        return "Detokenized[" + values.size() + " values, redacted]";
    }
}
