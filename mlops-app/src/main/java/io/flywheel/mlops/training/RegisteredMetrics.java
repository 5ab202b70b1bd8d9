package io.flywheel.mlops.training;

import io.flywheel.shared.evaluation.ClassificationMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scalar metrics a trained version carries in the registry, by the names the evaluation gates and comparisons
 * use: the held-out figures ({@code roc_auc}, {@code pr_auc}, {@code f1}, {@code precision}, {@code recall},
 * {@code accuracy}, {@code log_loss}, {@code brier}, {@code ece}, {@code threshold}) and the cross-validated means and
 * standard deviations ({@code cv_roc_auc_mean}, ...).
 */
public final class RegisteredMetrics {

    private RegisteredMetrics() {
    }

    /** The held-out figures of a classifier, under their registry names (undefined ones left out). */
    public static Map<String, Double> holdout(ClassificationMetrics metrics) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (metrics.rocAuc() != null) {
            values.put("roc_auc", metrics.rocAuc());
        }
        if (metrics.prAuc() != null) {
            values.put("pr_auc", metrics.prAuc());
        }
        values.put("f1", metrics.f1());
        values.put("precision", metrics.precision());
        values.put("recall", metrics.recall());
        values.put("accuracy", metrics.accuracy());
        values.put("log_loss", metrics.logLoss());
        values.put("brier", metrics.brier());
        values.put("ece", metrics.calibration().expectedCalibrationError());
        values.put("threshold", metrics.threshold());
        values.put("holdout_rows", (double) metrics.rows());
        return values;
    }

    /** Every metric of a candidate: held-out figures, then the cross-validated ones. */
    static Map<String, Double> of(CandidateReport candidate, int trainRows) {
        Map<String, Double> values = holdout(candidate.holdout());
        candidate.crossValidation().metrics().forEach((name, summary) -> {
            String key = "cv_" + name.replace('-', '_');
            values.put(key + "_mean", summary.mean());
            values.put(key + "_std", summary.std());
        });
        values.put("cv_f1", candidate.crossValidation().f1());
        values.put("train_rows", (double) trainRows);
        return values;
    }
}
