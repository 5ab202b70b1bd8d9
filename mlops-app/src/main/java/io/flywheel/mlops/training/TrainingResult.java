package io.flywheel.mlops.training;

import java.util.List;

/**
 * The outcome of a training: every candidate, and the one the selection metric picked.
 *
 * @param rows         rows of the snapshot
 * @param trainRows    rows the models learned from (cross-validation and final fit)
 * @param holdoutRows  rows held out for the final metrics
 * @param selection    the metric the winner was picked by (cross-validated mean)
 * @param candidates   every candidate, in plan order
 * @param winner       index of the winner in {@code candidates}
 */
public record TrainingResult(int rows, int trainRows, int holdoutRows, SelectionMetric selection,
                             List<TrainedCandidate> candidates, int winner) {

    public TrainingResult {
        candidates = List.copyOf(candidates);
    }

    public TrainedCandidate best() {
        return candidates.get(winner);
    }
}
