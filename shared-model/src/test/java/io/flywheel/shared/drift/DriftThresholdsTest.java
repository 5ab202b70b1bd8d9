package io.flywheel.shared.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DriftThresholdsTest {

    @Test
    void theDefaultsReadPsiAsStableWarnAndAlert() {
        DriftThresholds thresholds = DriftThresholds.defaults();

        assertThat(thresholds.levelOf(0.05)).isEqualTo(DriftLevel.OK);
        assertThat(thresholds.levelOf(0.1)).isEqualTo(DriftLevel.WARN);
        assertThat(thresholds.levelOf(0.19)).isEqualTo(DriftLevel.WARN);
        assertThat(thresholds.levelOf(0.2)).isEqualTo(DriftLevel.ALERT);
        assertThat(thresholds.levelOf(null)).isEqualTo(DriftLevel.OK);
    }

    @Test
    void anAlertBelowTheWarningIsRefused() {
        assertThatThrownBy(() -> new DriftThresholds(0.2, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DriftThresholds(0, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
