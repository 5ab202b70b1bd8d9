package io.flywheel.shared.evaluation;

import java.util.OptionalDouble;

/**
 * Every quality figure of a binary classifier on one labelled set, JSON-friendly. AUC and average precision are
 * {@code null} where they are undefined (only one class present: no ranking to judge).
 *
 * @param rows        number of rows
 * @param positives   number of positive rows
 * @param rocAuc      area under the ROC curve, or {@code null} when one class is absent
 * @param prAuc       average precision, or {@code null} when there is no positive
 * @param logLoss     clipped log loss
 * @param brier       Brier score
 * @param threshold   the decision threshold the threshold-bound figures use
 * @param f1          F1 at the threshold
 * @param precision   precision at the threshold
 * @param recall      recall at the threshold
 * @param accuracy    accuracy at the threshold
 * @param confusion   the confusion matrix at the threshold
 * @param calibration the reliability diagram
 */
public record ClassificationMetrics(long rows, long positives, Double rocAuc, Double prAuc, double logLoss,
                                    double brier, double threshold, double f1, double precision, double recall,
                                    double accuracy, ConfusionMatrix confusion, ReliabilityDiagram calibration) {

    /** Default number of reliability bins. */
    public static final int DEFAULT_CALIBRATION_BINS = 10;

    /** All figures of these scores against these 0/1 labels at the threshold. */
    public static ClassificationMetrics of(int[] labels, double[] scores, double threshold, int calibrationBins) {
        ConfusionMatrix confusion = ConfusionMatrix.at(labels, scores, threshold);
        return new ClassificationMetrics(labels.length, Inputs.positives(labels),
                orNull(RankingMetrics.rocAuc(labels, scores)), orNull(RankingMetrics.averagePrecision(labels, scores)),
                ProbabilityMetrics.logLoss(labels, scores), ProbabilityMetrics.brier(labels, scores), threshold,
                confusion.f1(), confusion.precision(), confusion.recall(), confusion.accuracy(), confusion,
                ReliabilityDiagram.of(labels, scores, calibrationBins));
    }

    private static Double orNull(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
