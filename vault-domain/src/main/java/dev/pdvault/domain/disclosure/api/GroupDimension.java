package dev.pdvault.domain.disclosure.api;

import java.util.Optional;

/** What an aggregated statistic may be grouped by: coarse attributes kept in clear, never a value of a field. */
public enum GroupDimension {
    REGION("region"),
    AGE_BAND("age_band");

    private final String key;

    GroupDimension(String key) {
        this.key = key;
    }

    /** Its name in requests and responses. */
    public String key() {
        return key;
    }

    public static Optional<GroupDimension> byKey(String key) {
        for (GroupDimension d : values()) {
            if (d.key.equals(key)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
