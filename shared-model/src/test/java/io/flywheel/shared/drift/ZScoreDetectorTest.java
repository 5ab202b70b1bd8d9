package io.flywheel.shared.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ZScoreDetectorTest {

    private static final ZScoreDetector DETECTOR = new ZScoreDetector(3, 4, 3);
    /** Mean 10, sample standard deviation sqrt(6/9) ≈ 0.82. */
    private static final double[] BASELINE = {9, 10, 11, 9, 10, 11, 10, 10, 9, 11};

    @Test
    void aValueWithinThreeDeviationsIsNoAnomaly() {
        Anomaly anomaly = DETECTOR.judge("latency_p95_ms", BASELINE, 12.0);

        assertThat(anomaly.mean()).isCloseTo(10, within(1e-12));
        assertThat(anomaly.sd()).isCloseTo(Math.sqrt(6.0 / 9), within(1e-12));
        assertThat(anomaly.severity()).isEqualTo(Anomaly.Severity.NONE);
    }

    @Test
    void beyondThreeDeviationsIsMediumAndBeyondFourIsHigh() {
        double sd = Math.sqrt(6.0 / 9);

        assertThat(DETECTOR.judge("m", BASELINE, 10 + 3.5 * sd).severity()).isEqualTo(Anomaly.Severity.MEDIUM);
        assertThat(DETECTOR.judge("m", BASELINE, 10 + 4.5 * sd).severity()).isEqualTo(Anomaly.Severity.HIGH);
        assertThat(DETECTOR.judge("m", BASELINE, 10 - 4.5 * sd).z()).isCloseTo(-4.5, within(1e-9));
        assertThat(DETECTOR.judge("m", BASELINE, 10 + 2.9 * sd).severity()).isEqualTo(Anomaly.Severity.NONE);
    }

    @Test
    void tooShortABaselineJudgesNothing() {
        Anomaly anomaly = DETECTOR.judge("m", new double[] {1, Double.NaN, 2}, 1000);

        assertThat(anomaly.baselinePoints()).isEqualTo(2);
        assertThat(anomaly.z()).isNull();
        assertThat(anomaly.severity()).isEqualTo(Anomaly.Severity.NONE);
    }

    @Test
    void aFlatBaselineJudgesAnyChangeHigh() {
        assertThat(DETECTOR.judge("m", new double[] {0, 0, 0, 0}, 0.01).severity()).isEqualTo(Anomaly.Severity.HIGH);
        assertThat(DETECTOR.judge("m", new double[] {0, 0, 0, 0}, 0).severity()).isEqualTo(Anomaly.Severity.NONE);
    }

    @Test
    void thresholdsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> new ZScoreDetector(4, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZScoreDetector(3, 4, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
