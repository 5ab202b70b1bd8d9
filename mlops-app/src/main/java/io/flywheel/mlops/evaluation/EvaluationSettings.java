package io.flywheel.mlops.evaluation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The quality gates of {@code evaluate} ({@code flywheel.evaluation.*}). Against a Production version the primary
 * metric may not regress by more than a margin and the guards may not degrade beyond theirs; a first model (no
 * Production) must reach the absolute thresholds. Metric names are the registry's: {@code roc_auc}, {@code pr_auc},
 * {@code f1}, {@code log_loss}, {@code brier}, {@code ece}, {@code recall}, ...
 */
@ConfigMapping(prefix = "flywheel.evaluation")
public interface EvaluationSettings {

    /** The metric that decides: roc_auc, pr_auc, f1 or accuracy (higher is better), log_loss or brier (lower). */
    @WithDefault("roc_auc")
    String primaryMetric();

    /** How much worse than Production the primary metric may be (absolute difference). */
    @WithDefault("0.01")
    double maxPrimaryRegression();

    /** The primary metric a first model must reach (or not exceed, for a lower-is-better metric). */
    @WithDefault("0.6")
    double primaryThreshold();

    /** Calibration guard: how much the expected calibration error may grow over Production's. */
    @WithDefault("0.02")
    double maxEceIncrease();

    /** Calibration guard for a first model: the largest expected calibration error. */
    @WithDefault("0.1")
    double maxEce();

    /** Recall guard: how much recall (at the version's threshold) may drop below Production's. */
    @WithDefault("0.1")
    double maxRecallDecrease();

    /** Recall guard for a first model: the smallest recall at its threshold. */
    @WithDefault("0.1")
    double minRecall();
}
