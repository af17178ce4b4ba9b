package dev.pdvault.domain.policy;

/** One field of a category: its type and the longest value it accepts. */
public record FieldDefinition(String name, FieldType type, int maxLength) {

    public boolean accepts(String value) {
        return value != null && value.length() <= maxLength && type.accepts(value);
    }
}
