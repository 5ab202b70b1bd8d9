package io.flywheel.shared.drift;

/** Checks shared by the reference records, with messages naming the feature. */
final class References {

    /** Proportions may drift from 1 by rounding; anything further is a corrupt reference. */
    private static final double SUM_TOLERANCE = 1e-6;

    private References() {
    }

    static void requireName(String feature) {
        if (feature == null || feature.isBlank()) {
            throw new IllegalArgumentException("a reference needs a feature name");
        }
    }

    static void requireFinite(double[] values, String feature, String what) {
        if (values == null) {
            throw new IllegalArgumentException(what + " of `" + feature + "` are missing");
        }
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(what + " of `" + feature + "` must be finite, found " + value);
            }
        }
    }

    static void requireRate(double rate, String feature) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("null rate of `" + feature + "` must be within [0, 1], was " + rate);
        }
    }

    static void requireShares(double[] proportions, String feature) {
        requireFinite(proportions, feature, "proportions");
        double sum = 0;
        for (double share : proportions) {
            if (share < 0) {
                throw new IllegalArgumentException("proportions of `" + feature + "` must not be negative");
            }
            sum += share;
        }
        if (sum != 0 && Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("proportions of `" + feature + "` must sum to 1, sum to " + sum);
        }
    }
}
