package io.flywheel.shared.evaluation;

/**
 * A decision threshold and what it achieves.
 *
 * @param threshold predict positive when the score is at or above it
 * @param f1        F1 of the positive class at that threshold
 * @param precision precision at that threshold
 * @param recall    recall at that threshold
 */
public record ThresholdChoice(double threshold, double f1, double precision, double recall) {
}
