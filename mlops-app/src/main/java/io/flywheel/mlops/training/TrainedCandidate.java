package io.flywheel.mlops.training;

/**
 * One trained candidate: its report, its artifact, and both views of its held-out predictions — the artifact's
 * (what serving will compute) and the training library's (which they must reproduce).
 *
 * @param report                the metrics
 * @param artifact              the portable model bytes
 * @param holdoutScores         the artifact's positive-class probabilities on the held-out rows
 * @param libraryHoldoutScores  the training library's probabilities on the same rows
 */
public record TrainedCandidate(CandidateReport report, byte[] artifact, double[] holdoutScores,
                               double[] libraryHoldoutScores) {
}
