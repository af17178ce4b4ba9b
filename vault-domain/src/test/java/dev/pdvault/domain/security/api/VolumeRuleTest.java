package dev.pdvault.domain.security.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VolumeRuleTest {

    private final VolumeRule rule = new VolumeRule(0.2, 5, 50, 3);

    private VolumeBaseline learn(long... minutes) {
        VolumeBaseline baseline = VolumeBaseline.NONE;
        for (long tokens : minutes) {
            baseline = rule.next(baseline, tokens);
        }
        return baseline;
    }

    @Test
    void theFirstMinuteSetsTheBaselineAndLaterOnesMoveItByAlpha() {
        assertThat(learn(20)).isEqualTo(new VolumeBaseline(20, 1));
        assertThat(learn(20, 40).level()).isEqualTo(0.2 * 40 + 0.8 * 20);
        assertThat(learn(20, 40, 0).minutes()).isEqualTo(3);
    }

    @Test
    void nothingIsAnomalousBeforeTheWarmUp() {
        assertThat(rule.anomalous(learn(1, 1), 10_000)).isFalse();
        assertThat(rule.anomalous(learn(1, 1, 1), 10_000)).isTrue();
    }

    @Test
    void aMinuteAboveFactorTimesTheBaselineIsAnomalous() {
        VolumeBaseline baseline = learn(100, 100, 100);
        assertThat(rule.threshold(baseline)).isEqualTo(500);
        assertThat(rule.anomalous(baseline, 500)).isFalse();
        assertThat(rule.anomalous(baseline, 501)).isTrue();
    }

    @Test
    void aQuietIdentityNeedsMoreThanTheMinimumToBeAnomalous() {
        VolumeBaseline quiet = learn(2, 2, 2);
        assertThat(rule.threshold(quiet)).isEqualTo(50);
        assertThat(rule.anomalous(quiet, 50)).isFalse();
        assertThat(rule.anomalous(quiet, 51)).isTrue();
    }

    @Test
    void aSustainedNewLevelIsLearnt() {
        VolumeBaseline baseline = learn(100, 100, 100);
        int anomalousMinutes = 0;
        for (int minute = 0; minute < 60; minute++) {
            if (rule.anomalous(baseline, 1000)) {
                anomalousMinutes++;
            }
            baseline = rule.next(baseline, 1000);
        }
        assertThat(anomalousMinutes).isBetween(1, 10);
        assertThat(rule.anomalous(baseline, 1000)).isFalse();
    }

    @Test
    void rejectsARuleThatCouldNeverOrAlwaysFire() {
        assertThatThrownBy(() -> new VolumeRule(0, 5, 50, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VolumeRule(0.2, 1, 50, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VolumeRule(0.2, 5, 50, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
