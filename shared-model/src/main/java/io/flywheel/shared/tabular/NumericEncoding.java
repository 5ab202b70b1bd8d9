package io.flywheel.shared.tabular;

/**
 * A numeric feature as one number: a missing value is replaced by {@code impute}, then the value becomes
 * {@code (value - center) / scale}.
 *
 * @param feature the feature name
 * @param impute  the value a missing input takes (the training median), or {@code null} to pass it on as missing
 *                ({@code NaN}) — only gradient-boosted trees, which route missing values themselves, accept that
 * @param center  subtracted before scaling (the training mean when standardising, else 0)
 * @param scale   divides the centered value (the training standard deviation when standardising, else 1); positive
 */
public record NumericEncoding(String feature, Double impute, double center,
                              double scale) implements FeatureEncoding {

    public NumericEncoding {
        ArtifactChecks.requireName(feature, "feature");
        if (impute != null && !Double.isFinite(impute)) {
            throw new IllegalArgumentException("impute of `" + feature + "` must be finite or null, was " + impute);
        }
        ArtifactChecks.requireFinite(center, "center of `" + feature + "`");
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale of `" + feature + "` must be positive and finite, was " + scale);
        }
    }

    /** The value as it is, missing values imputed. */
    public static NumericEncoding imputed(String feature, double impute) {
        return new NumericEncoding(feature, impute, 0, 1);
    }

    @Override
    public int width() {
        return 1;
    }
}
