package io.flywheel.mlops.training;

import io.flywheel.shared.drift.ReferenceOptions;
import java.util.List;

/**
 * Everything that decides a training's outcome besides the data: the same plan on the same snapshot gives the same
 * artifacts, byte for byte.
 *
 * @param seed            seeds the split, the folds, every model and the importance shuffles
 * @param testFraction    share of each class held out for the final metrics
 * @param folds           folds of the cross-validation on the rest
 * @param cvMaxRows       training rows the cross-validation uses at most (a stratified sample beyond); the final
 *                        models always train on every training row
 * @param selection       the cross-validated metric that picks the winner
 * @param candidates      the algorithms and their parameters, in the order a tie favours
 * @param calibrationBins bins of the reliability diagram
 * @param importanceRows  held-out rows the permutation importance uses at most
 * @param reference       how the drift reference statistics are binned
 * @param parallelism     models trained at once
 */
public record TrainingPlan(long seed, double testFraction, int folds, int cvMaxRows, SelectionMetric selection,
                           List<CandidateTrainer> candidates, int calibrationBins, int importanceRows,
                           ReferenceOptions reference, int parallelism) {

    public TrainingPlan {
        if (candidates == null || candidates.isEmpty()) {
            throw new IllegalArgumentException("a training plan needs at least one candidate algorithm");
        }
        candidates = List.copyOf(candidates);
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, was " + folds);
        }
        if (cvMaxRows < folds * 2) {
            throw new IllegalArgumentException("cross-validation needs at least " + folds * 2 + " rows, cvMaxRows was "
                    + cvMaxRows);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
    }
}
