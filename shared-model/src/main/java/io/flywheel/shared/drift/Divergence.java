package io.flywheel.shared.drift;

/**
 * PSI and KL divergence between two binned distributions. Every share is first floored at {@code epsilon}, so that a
 * bin empty on one side contributes a large but finite amount instead of an infinity.
 */
public final class Divergence {

    /** The default floor, 1e-4: the value PSI tools commonly substitute for an empty bin. */
    public static final double DEFAULT_EPSILON = 1e-4;

    private Divergence() {
    }

    /** {@code PSI = Σ (live − reference) · ln(live / reference)}; 0.1 is usually read as a warning, 0.2 as drift. */
    public static double psi(double[] reference, double[] live, double epsilon) {
        return sum(reference, live, epsilon, true);
    }

    /** {@code KL(live ‖ reference) = Σ live · ln(live / reference)}. */
    public static double kl(double[] reference, double[] live, double epsilon) {
        return sum(reference, live, epsilon, false);
    }

    /** Both are sums of a weight times the log-ratio of the floored shares: PSI weighs by the difference. */
    private static double sum(double[] reference, double[] live, double epsilon, boolean psi) {
        check(reference, live);
        double sum = 0;
        for (int i = 0; i < reference.length; i++) {
            double expected = Math.max(reference[i], epsilon);
            double actual = Math.max(live[i], epsilon);
            sum += (psi ? actual - expected : actual) * Math.log(actual / expected);
        }
        return sum;
    }

    private static void check(double[] reference, double[] live) {
        if (reference.length != live.length) {
            throw new IllegalArgumentException(reference.length + " reference bins but " + live.length + " live bins");
        }
    }
}
