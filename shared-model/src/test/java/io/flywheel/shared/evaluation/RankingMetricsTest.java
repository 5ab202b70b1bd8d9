package io.flywheel.shared.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static final int[] LABELS = {1, 0, 1, 0};
    private static final double[] SCORES = {0.9, 0.8, 0.4, 0.3};

    @Test
    void aucIsTheShareOfPositiveNegativePairsRankedRight() {
        assertThat(RankingMetrics.rocAuc(LABELS, SCORES)).hasValue(0.75);
    }

    @Test
    void tiedScoresCountOneHalf() {
        assertThat(RankingMetrics.rocAuc(new int[] {1, 0}, new double[] {0.5, 0.5})).hasValue(0.5);
        assertThat(RankingMetrics.rocAuc(new int[] {1, 1, 0, 0}, new double[] {0.6, 0.5, 0.5, 0.1})).hasValue(0.875);
    }

    @Test
    void aucMatchesTheQuadraticPairCountOnRandomTiedScores() {
        Random random = new Random(5);
        int[] labels = new int[2000];
        double[] scores = new double[2000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextDouble() < 0.1 ? 1 : 0;
            scores[i] = Math.round((random.nextDouble() + labels[i] * 0.3) / 1.3 * 20) / 20.0;
        }
        double concordant = 0;
        long pairs = 0;
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < labels.length; j++) {
                if (labels[i] == 1 && labels[j] == 0) {
                    pairs++;
                    concordant += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }

        assertThat(RankingMetrics.rocAuc(labels, scores).getAsDouble()).isEqualTo(concordant / pairs, within(1e-12));
    }

    @Test
    void aucIsUndefinedWhenOnlyOneClassIsPresent() {
        assertThat(RankingMetrics.rocAuc(new int[] {1, 1}, new double[] {0.2, 0.9})).isEmpty();
        assertThat(RankingMetrics.rocAuc(new int[] {0, 0}, new double[] {0.2, 0.9})).isEmpty();
        assertThat(RankingMetrics.averagePrecision(new int[] {0, 0}, new double[] {0.2, 0.9})).isEmpty();
    }

    @Test
    void averagePrecisionSumsPrecisionOverRecallSteps() {
        assertThat(RankingMetrics.averagePrecision(LABELS, SCORES).getAsDouble())
                .isEqualTo(0.5 * 1 + 0.5 * 2 / 3.0, within(1e-15));
        assertThat(RankingMetrics.averagePrecision(new int[] {0, 1}, new double[] {0.5, 0.5})).hasValue(0.5);
    }

    @Test
    void theBestF1ThresholdIsFoundAmongTheScores() {
        ThresholdChoice best = RankingMetrics.bestF1Threshold(LABELS, SCORES);

        assertThat(best.threshold()).isEqualTo(0.4);
        assertThat(best.f1()).isEqualTo(0.8, within(1e-15));
        assertThat(best.precision()).isEqualTo(2 / 3.0, within(1e-15));
        assertThat(best.recall()).isEqualTo(1);
    }

    @Test
    void mismatchedOrOutOfRangeInputsAreRefused() {
        assertThatThrownBy(() -> RankingMetrics.rocAuc(new int[] {1}, new double[] {0.1, 0.2}))
                .hasMessage("1 labels but 2 scores");
        assertThatThrownBy(() -> RankingMetrics.rocAuc(new int[] {2}, new double[] {0.1}))
                .hasMessage("label 0 is 2; labels are 0 or 1");
        assertThatThrownBy(() -> RankingMetrics.rocAuc(new int[] {1}, new double[] {Double.NaN}))
                .hasMessage("score 0 is NaN; scores are probabilities");
    }
}
