package io.flywheel.shared.drift;

/**
 * Judges the newest value of a series (a model's hourly p95 latency, its error rate) against a baseline of earlier
 * values by its z-score {@code (value − mean) / sd}: beyond {@code medium} it is a medium anomaly, beyond
 * {@code high} a high one. Both directions count (a latency that collapses to zero is as suspicious as a spike).
 *
 * @param medium    |z| above it is {@link Anomaly.Severity#MEDIUM}
 * @param high      |z| above it is {@link Anomaly.Severity#HIGH}
 * @param minPoints baseline values needed before anything is judged: fewer, and a z-score says nothing
 */
public record ZScoreDetector(double medium, double high, int minPoints) {

    public static final double DEFAULT_MEDIUM = 3;
    public static final double DEFAULT_HIGH = 4;

    public ZScoreDetector {
        if (!(medium > 0) || !(high >= medium) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("z thresholds need 0 < medium <= high, finite; were " + medium + ", "
                    + high);
        }
        if (minPoints < 2) {
            throw new IllegalArgumentException("a baseline needs at least 2 points to have a spread, was " + minPoints);
        }
    }

    /**
     * The verdict on {@code value} against {@code baseline} (NaN values in the baseline are skipped). A baseline
     * without spread (every value equal) judges any different value as high, the same value as none.
     */
    public Anomaly judge(String metric, double[] baseline, double value) {
        int n = 0;
        double sum = 0;
        for (double point : baseline) {
            if (!Double.isNaN(point)) {
                n++;
                sum += point;
            }
        }
        if (n < minPoints || Double.isNaN(value)) {
            return new Anomaly(metric, value, n, null, null, null, Anomaly.Severity.NONE);
        }
        double mean = sum / n;
        double squares = 0;
        for (double point : baseline) {
            if (!Double.isNaN(point)) {
                squares += (point - mean) * (point - mean);
            }
        }
        double sd = Math.sqrt(squares / (n - 1));
        if (sd == 0) {
            return new Anomaly(metric, value, n, mean, sd, value == mean ? 0.0 : null,
                    value == mean ? Anomaly.Severity.NONE : Anomaly.Severity.HIGH);
        }
        double z = (value - mean) / sd;
        Anomaly.Severity severity = Math.abs(z) > high ? Anomaly.Severity.HIGH
                : Math.abs(z) > medium ? Anomaly.Severity.MEDIUM : Anomaly.Severity.NONE;
        return new Anomaly(metric, value, n, mean, sd, z, severity);
    }
}
