package io.flywheel.shared.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void logLossAndBrierMatchHandComputedValues() {
        int[] labels = {1, 0};
        double[] scores = {0.8, 0.3};

        assertThat(ProbabilityMetrics.logLoss(labels, scores)).isEqualTo(-(Math.log(0.8) + Math.log(0.7)) / 2,
                within(1e-15));
        assertThat(ProbabilityMetrics.brier(labels, scores)).isEqualTo(0.065, within(1e-15));
    }

    @Test
    void aConfidentMistakeCostsAClippedFiniteLogLoss() {
        assertThat(ProbabilityMetrics.logLoss(new int[] {1}, new double[] {0})).isEqualTo(-Math.log(1e-15),
                within(1e-9));
    }

    @Test
    void theConfusionMatrixCountsDecisionsAtOrAboveTheThreshold() {
        ConfusionMatrix matrix = ConfusionMatrix.at(new int[] {1, 0, 1, 0}, new double[] {0.9, 0.5, 0.4, 0.3}, 0.5);

        assertThat(matrix).isEqualTo(new ConfusionMatrix(1, 1, 1, 1));
        assertThat(matrix.precision()).isEqualTo(0.5);
        assertThat(matrix.recall()).isEqualTo(0.5);
        assertThat(matrix.f1()).isEqualTo(0.5);
        assertThat(matrix.accuracy()).isEqualTo(0.5);
    }

    @Test
    void ratiosWithNothingToDivideByAreZero() {
        ConfusionMatrix nonePredicted = ConfusionMatrix.at(new int[] {1, 0}, new double[] {0.1, 0.2}, 0.5);

        assertThat(nonePredicted.precision()).isZero();
        assertThat(nonePredicted.f1()).isZero();
        assertThat(nonePredicted.accuracy()).isEqualTo(0.5);
    }

    @Test
    void reliabilityBinsCompareMeanPredictionWithObservedRate() {
        ReliabilityDiagram diagram = ReliabilityDiagram.of(new int[] {0, 0, 1, 1, 1},
                new double[] {0.05, 0.15, 0.15, 0.95, 1.0}, 10);

        assertThat(diagram.bins()).hasSize(10);
        assertThat(diagram.bins().get(0)).isEqualTo(new ReliabilityBin(0, 0.1, 1, 0.05, 0.0));
        assertThat(diagram.bins().get(1).count()).isEqualTo(2);
        assertThat(diagram.bins().get(1).observedRate()).isEqualTo(0.5);
        assertThat(diagram.bins().get(2)).isEqualTo(new ReliabilityBin(0.2, 0.3, 0, null, null));
        assertThat(diagram.bins().get(9).count()).isEqualTo(2);
        assertThat(diagram.bins().get(9).meanPredicted()).isEqualTo(0.975, within(1e-15));
        assertThat(diagram.expectedCalibrationError()).isEqualTo(0.2 * 0.05 + 0.4 * 0.35 + 0.4 * 0.025, within(1e-12));
    }

    @Test
    void allFiguresTogetherReportUndefinedRankingAsNull() {
        ClassificationMetrics metrics = ClassificationMetrics.of(new int[] {0, 0, 0}, new double[] {0.1, 0.6, 0.2},
                0.5, ClassificationMetrics.DEFAULT_CALIBRATION_BINS);

        assertThat(metrics.rocAuc()).isNull();
        assertThat(metrics.prAuc()).isNull();
        assertThat(metrics.positives()).isZero();
        assertThat(metrics.accuracy()).isEqualTo(2 / 3.0, within(1e-15));
        assertThat(metrics.confusion().falsePositives()).isEqualTo(1);
    }

    @Test
    void allFiguresOfAGoodRanking() {
        ClassificationMetrics metrics = ClassificationMetrics.of(new int[] {1, 0, 1, 0},
                new double[] {0.9, 0.8, 0.4, 0.3}, 0.5, 4);

        assertThat(metrics.rocAuc()).isEqualTo(0.75);
        assertThat(metrics.prAuc()).isEqualTo(0.5 + 1 / 3.0, within(1e-15));
        assertThat(metrics.f1()).isEqualTo(0.5);
        assertThat(metrics.calibration().bins()).hasSize(4);
    }
}
