package io.flywheel.mlops.training;

import java.util.List;

/**
 * One metric over the folds of a cross-validation.
 *
 * @param mean    the mean over folds
 * @param std     the population standard deviation over folds
 * @param perFold the value of each fold, in fold order
 */
public record MetricSummary(double mean, double std, List<Double> perFold) {

    public MetricSummary {
        perFold = List.copyOf(perFold);
    }

    static MetricSummary of(double[] values) {
        double mean = 0;
        for (double value : values) {
            mean += value;
        }
        mean /= values.length;
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return new MetricSummary(mean, Math.sqrt(squares / values.length),
                java.util.Arrays.stream(values).boxed().toList());
    }
}
