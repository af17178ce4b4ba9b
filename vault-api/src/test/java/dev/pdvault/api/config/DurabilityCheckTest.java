package dev.pdvault.api.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurabilityCheckTest {

    @ParameterizedTest
    @CsvSource({"on, on", "on, local", "on, remote_write", "on, remote_apply"})
    void acceptsEverySettingThatWaitsForTheLocalWalFlush(String fsync, String synchronousCommit) {
        assertThatCode(() -> DurabilityCheck.check(fsync, synchronousCommit)).doesNotThrowAnyException();
    }

    @Test
    void refusesFsyncOffNamingTheSetting() {
        assertThatThrownBy(() -> DurabilityCheck.check("off", "on")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fsync=off").hasMessageContaining("refuses to start");
    }

    @Test
    void refusesAsynchronousCommitNamingTheSetting() {
        assertThatThrownBy(() -> DurabilityCheck.check("on", "off")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("synchronous_commit=off").hasMessageContaining("refuses to start");
    }
}
