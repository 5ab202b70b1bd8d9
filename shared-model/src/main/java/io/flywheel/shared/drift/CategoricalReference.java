package io.flywheel.shared.drift;

import java.util.List;

/**
 * The training distribution of a categorical feature: the share of each category among present values, and one
 * "other" bin for the rare categories left out and for any category unseen in training.
 *
 * @param feature     the feature name
 * @param categories  the categories with their own bin, sorted
 * @param proportions the share of present values of each category, then of "other" as the last entry; sums to 1
 *                    (all 0 when no value was present)
 * @param nullRate    the share of rows where the value was missing
 */
public record CategoricalReference(String feature, List<String> categories, double[] proportions, double nullRate)
        implements FeatureReference {

    public CategoricalReference {
        References.requireName(feature);
        categories = List.copyOf(categories == null ? List.of() : categories);
        References.requireShares(proportions, feature);
        References.requireRate(nullRate, feature);
        if (proportions.length != categories.size() + 1) {
            throw new IllegalArgumentException("`" + feature + "` needs one proportion per category plus one for "
                    + "other categories (" + (categories.size() + 1) + "), has " + proportions.length);
        }
    }

    @Override
    public int binCount() {
        return categories.size() + 1;
    }

    @Override
    public double[] binShares() {
        double[] shares = new double[proportions.length + 1];
        for (int i = 0; i < proportions.length; i++) {
            shares[i] = proportions[i] * (1 - nullRate);
        }
        shares[proportions.length] = nullRate;
        return shares;
    }
}
