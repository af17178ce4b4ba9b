package dev.pdvault.domain.security.api;

/**
 * When a minute's detokenization volume departs from an identity's normal level. After {@code warmUpMinutes}
 * minutes of history, a minute with more than {@code max(minTokens, ceil(factor × baseline))} tokens is anomalous.
 * Every minute, idle ones included, then moves the baseline: {@code baseline ← alpha × tokens + (1 − alpha) ×
 * baseline} (the first minute sets it). A sustained new level is therefore learnt within a few dozen minutes: the
 * signal is for departures, not a cap (rate limits are the cap).
 */
public record VolumeRule(double alpha, double factor, long minTokens, long warmUpMinutes) {

    public VolumeRule {
        if (!(alpha > 0 && alpha <= 1) || !(factor > 1) || minTokens < 0 || warmUpMinutes < 1) {
            throw new IllegalArgumentException("alpha in (0, 1], factor above 1, minTokens ≥ 0, warm-up ≥ 1 minute");
        }
    }

    public long threshold(VolumeBaseline baseline) {
        return Math.max(minTokens, (long) Math.ceil(factor * baseline.level()));
    }

    public boolean anomalous(VolumeBaseline baseline, long tokens) {
        return baseline.minutes() >= warmUpMinutes && tokens > threshold(baseline);
    }

    public VolumeBaseline next(VolumeBaseline baseline, long tokens) {
        if (baseline.minutes() == 0) {
            return new VolumeBaseline(tokens, 1);
        }
        return new VolumeBaseline(alpha * tokens + (1 - alpha) * baseline.level(), baseline.minutes() + 1);
    }
}
