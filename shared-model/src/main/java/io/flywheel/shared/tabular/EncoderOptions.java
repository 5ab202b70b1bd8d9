package io.flywheel.shared.tabular;

/**
 * How {@link FeatureEncoder#fit} learns an encoder.
 *
 * @param standardize   center numeric features on their training mean and divide by their standard deviation
 * @param imputeMissing replace missing numeric values by the training median; when false they stay missing (NaN),
 *                      which only gradient-boosted trees accept
 */
public record EncoderOptions(boolean standardize, boolean imputeMissing) {

    /** Logistic regression: standardised, imputed. */
    public static EncoderOptions linear() {
        return new EncoderOptions(true, true);
    }

    /** Random forest: raw values, imputed. */
    public static EncoderOptions trees() {
        return new EncoderOptions(false, true);
    }

    /** Gradient-boosted trees: raw values, missing values left for the trees' default branches. */
    public static EncoderOptions boostedTrees() {
        return new EncoderOptions(false, false);
    }
}
