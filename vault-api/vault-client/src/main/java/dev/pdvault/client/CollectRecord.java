package dev.pdvault.client;

import java.util.Map;
import java.util.Objects;

/**
 * One record to collect: the catalogue's category and purpose, where the data came from, and the values by
 * field name. It holds plaintext, so its {@code toString} names the fields only.
 */
public record CollectRecord(String category, String purpose, String source, Map<String, String> fields) {

    public CollectRecord {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(source, "source");
        fields = Map.copyOf(fields);
    }

    @Override
    public String toString() {
        return "CollectRecord[" + category + ", " + purpose + ", fields " + fields.keySet() + ", values redacted]";
    }
}
