package io.flywheel.shared.evaluation;

/** How good the probabilities are as probabilities: log loss and Brier score. */
public final class ProbabilityMetrics {

    /** Probabilities are clipped to [ε, 1 − ε] so a confident mistake costs a large but finite log loss. */
    public static final double LOG_LOSS_EPSILON = 1e-15;

    private ProbabilityMetrics() {
    }

    /** Mean negative log-likelihood of the labels, probabilities clipped by {@link #LOG_LOSS_EPSILON}. */
    public static double logLoss(int[] labels, double[] scores) {
        Inputs.check(labels, scores);
        requireRows(labels);
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = Math.min(Math.max(scores[i], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
            sum -= labels[i] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        return sum / labels.length;
    }

    /** Mean squared difference between probability and label. */
    public static double brier(int[] labels, double[] scores) {
        Inputs.check(labels, scores);
        requireRows(labels);
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double error = scores[i] - labels[i];
            sum += error * error;
        }
        return sum / labels.length;
    }

    private static void requireRows(int[] labels) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("a metric needs at least one row");
        }
    }
}
