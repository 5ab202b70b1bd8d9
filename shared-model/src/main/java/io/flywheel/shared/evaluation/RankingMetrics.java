package io.flywheel.shared.evaluation;

import java.util.OptionalDouble;

/** Threshold-free quality of scores: ROC AUC, average precision, and the threshold that maximises F1. */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /**
     * Area under the ROC curve: the probability that a random positive scores above a random negative, ties counting
     * one half (the Mann-Whitney statistic), exact and O(n log n). Empty when only one class is present, where it is
     * undefined.
     */
    public static OptionalDouble rocAuc(int[] labels, double[] scores) {
        ScoreGroups groups = new ScoreGroups(labels, scores);
        if (groups.totalPositives == 0 || groups.totalNegatives == 0) {
            return OptionalDouble.empty();
        }
        long positivesAbove = 0;
        long twiceConcordant = 0;
        for (int g = 0; g < groups.size; g++) {
            twiceConcordant += groups.negatives[g] * (2 * positivesAbove + groups.positives[g]);
            positivesAbove += groups.positives[g];
        }
        return OptionalDouble.of(twiceConcordant / (2.0 * groups.totalPositives * groups.totalNegatives));
    }

    /**
     * Area under the precision-recall curve as average precision: {@code Σ (R_k − R_{k−1}) · P_k} over the distinct
     * score thresholds, highest first (scikit-learn's definition). Empty when there is no positive.
     */
    public static OptionalDouble averagePrecision(int[] labels, double[] scores) {
        ScoreGroups groups = new ScoreGroups(labels, scores);
        if (groups.totalPositives == 0) {
            return OptionalDouble.empty();
        }
        long truePositives = 0;
        long predicted = 0;
        double previousRecall = 0;
        double area = 0;
        for (int g = 0; g < groups.size; g++) {
            truePositives += groups.positives[g];
            predicted += groups.positives[g] + groups.negatives[g];
            double recall = (double) truePositives / groups.totalPositives;
            area += (recall - previousRecall) * truePositives / predicted;
            previousRecall = recall;
        }
        return OptionalDouble.of(area);
    }

    /**
     * The threshold (predict positive when {@code score >= threshold}) with the highest F1 among the distinct
     * scores; the highest such threshold on a tie. With no positive, F1 is 0 everywhere and the threshold is 1.
     */
    public static ThresholdChoice bestF1Threshold(int[] labels, double[] scores) {
        ScoreGroups groups = new ScoreGroups(labels, scores);
        ThresholdChoice best = new ThresholdChoice(1, 0, 0, 0);
        long truePositives = 0;
        long falsePositives = 0;
        for (int g = 0; g < groups.size; g++) {
            truePositives += groups.positives[g];
            falsePositives += groups.negatives[g];
            long falseNegatives = groups.totalPositives - truePositives;
            double f1 = 2.0 * truePositives / (2.0 * truePositives + falsePositives + falseNegatives);
            if (f1 > best.f1()) {
                best = new ThresholdChoice(groups.score[g], f1,
                        (double) truePositives / (truePositives + falsePositives),
                        (double) truePositives / groups.totalPositives);
            }
        }
        return best;
    }
}
