package dev.pdvault.domain.security.api;

/**
 * An identity's normal detokenization volume: {@code level} tokens per minute (an exponentially weighted moving
 * average) learnt over {@code minutes} minutes.
 */
public record VolumeBaseline(double level, long minutes) {

    public static final VolumeBaseline NONE = new VolumeBaseline(0, 0);

    public VolumeBaseline {
        if (level < 0 || minutes < 0 || Double.isNaN(level)) {
            throw new IllegalArgumentException("a baseline is not negative");
        }
    }
}
