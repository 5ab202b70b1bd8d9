package io.flywheel.shared.drift;

import java.util.Arrays;

/**
 * The training distribution of a numeric value, binned at its quantiles. Bin {@code i} holds the values {@code v}
 * with {@code edges[i-1] < v <= edges[i]} (the first bin is open below, the last open above), so there is one more
 * bin than edges.
 *
 * @param feature     the feature name, or {@code prediction} for the predicted probability
 * @param edges       the distinct inner bin edges, ascending (empty when all present values are equal or none is)
 * @param proportions the share of present values in each bin; sums to 1 (all 0 when no value was present)
 * @param nullRate    the share of rows where the value was missing
 * @param mean        the mean of the present values (0 when none)
 * @param std         their population standard deviation (0 when none)
 */
public record NumericReference(String feature, double[] edges, double[] proportions, double nullRate, double mean,
                               double std) implements FeatureReference {

    public NumericReference {
        References.requireName(feature);
        References.requireFinite(edges, feature, "edges");
        References.requireShares(proportions, feature);
        References.requireRate(nullRate, feature);
        References.requireFinite(new double[] {mean, std}, feature, "mean and std");
        if (proportions.length != edges.length + 1) {
            throw new IllegalArgumentException("`" + feature + "` needs one proportion per bin (" + (edges.length + 1)
                    + "), has " + proportions.length);
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i - 1] < edges[i])) {
                throw new IllegalArgumentException("edges of `" + feature + "` must be strictly ascending");
            }
        }
    }

    @Override
    public int binCount() {
        return edges.length + 1;
    }

    /** The bin of a present value: the number of edges below it (binary search). */
    public int binOf(double value) {
        return binOf(edges, value);
    }

    static int binOf(double[] edges, double value) {
        int low = 0;
        int high = edges.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (edges[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    @Override
    public double[] binShares() {
        double[] shares = Arrays.copyOf(proportions, proportions.length + 1);
        for (int i = 0; i < proportions.length; i++) {
            shares[i] = proportions[i] * (1 - nullRate);
        }
        shares[proportions.length] = nullRate;
        return shares;
    }
}
