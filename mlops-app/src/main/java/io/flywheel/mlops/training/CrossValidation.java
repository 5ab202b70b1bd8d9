package io.flywheel.mlops.training;

import io.flywheel.shared.evaluation.ProbabilityMetrics;
import io.flywheel.shared.evaluation.RankingMetrics;
import io.flywheel.shared.evaluation.Split;
import java.util.List;
import java.util.Map;

/**
 * A candidate's k-fold cross-validation on the training part: threshold-free metrics per fold, and the decision
 * threshold that maximises F1 on the out-of-fold predictions (chosen without touching the held-out rows).
 *
 * @param folds     number of folds
 * @param metrics   {@code roc-auc}, {@code pr-auc}, {@code log-loss}, {@code brier} over the folds
 * @param threshold the best-F1 threshold on all out-of-fold predictions
 * @param f1        the out-of-fold F1 at that threshold
 */
public record CrossValidation(int folds, Map<String, MetricSummary> metrics, double threshold, double f1) {

    public CrossValidation {
        metrics = Map.copyOf(metrics);
    }

    /** Summarises out-of-fold scores: {@code scores[row]} was predicted by the model that did not train on row. */
    static CrossValidation of(int[] labels, double[] scores, List<Split> folds) {
        double[][] perFold = new double[SelectionMetric.values().length][folds.size()];
        for (int f = 0; f < folds.size(); f++) {
            int[] rows = folds.get(f).test();
            int[] foldLabels = new int[rows.length];
            double[] foldScores = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                foldLabels[i] = labels[rows[i]];
                foldScores[i] = scores[rows[i]];
            }
            for (SelectionMetric metric : SelectionMetric.values()) {
                perFold[metric.ordinal()][f] = value(metric, foldLabels, foldScores);
            }
        }
        Map<String, MetricSummary> metrics = new java.util.TreeMap<>();
        for (SelectionMetric metric : SelectionMetric.values()) {
            metrics.put(metric.label(), MetricSummary.of(perFold[metric.ordinal()]));
        }
        var threshold = RankingMetrics.bestF1Threshold(labels, scores);
        return new CrossValidation(folds.size(), metrics, threshold.threshold(), threshold.f1());
    }

    /** The mean of a metric over the folds. */
    public double mean(SelectionMetric metric) {
        return metrics.get(metric.label()).mean();
    }

    private static double value(SelectionMetric metric, int[] labels, double[] scores) {
        return switch (metric) {
            // stratified folds always hold both classes, so ranking metrics are defined
            case ROC_AUC -> RankingMetrics.rocAuc(labels, scores).orElseThrow();
            case PR_AUC -> RankingMetrics.averagePrecision(labels, scores).orElseThrow();
            case LOG_LOSS -> ProbabilityMetrics.logLoss(labels, scores);
            case BRIER -> ProbabilityMetrics.brier(labels, scores);
        };
    }
}
