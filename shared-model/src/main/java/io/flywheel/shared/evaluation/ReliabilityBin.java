package io.flywheel.shared.evaluation;

/**
 * One bin of a reliability diagram: the rows whose score falls in {@code [lower, upper)} (the last bin includes 1).
 *
 * @param lower         inclusive lower bound
 * @param upper         upper bound
 * @param count         rows in the bin
 * @param meanPredicted mean score of those rows, {@code null} when the bin is empty
 * @param observedRate  share of positives among them, {@code null} when the bin is empty
 */
public record ReliabilityBin(double lower, double upper, long count, Double meanPredicted, Double observedRate) {
}
