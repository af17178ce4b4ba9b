package dev.pdvault.api.access;

import java.util.Collection;

/**
 * The text form of a PostgreSQL array of plain values ({@code {"a","b"}}), bound as one string and cast in the
 * statement ({@code ?::uuid[]}, {@code ?::text[]}). The driver's {@code createArrayOf} writes the same text
 * character by character, checking each for characters to escape; with 100 tokens a request that was 4–9% of
 * the vault's CPU in batched detokenization (docs/performance.md). Only values made of letters, digits and
 * {@code - _ .} are accepted (the vault's tokens, subject ids and names): each is quoted, so none needs escaping
 * and none reads as {@code NULL}.
 */
final class ArrayLiteral {

    private ArrayLiteral() {
    }

    static String of(Collection<String> values) {
        StringBuilder text = new StringBuilder(2 + values.size() * 40);
        text.append('{');
        boolean first = true;
        for (String value : values) {
            requirePlain(value);
            if (!first) {
                text.append(',');
            }
            text.append('"').append(value).append('"');
            first = false;
        }
        return text.append('}').toString();
    }

    private static void requirePlain(String value) {
        if (value == null) {
            throw new IllegalArgumentException("an array value is null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.')) {
                throw new IllegalArgumentException("an array value holds a character other than a letter, a digit,"
                        + " '-', '_' or '.'");
            }
        }
    }
}
