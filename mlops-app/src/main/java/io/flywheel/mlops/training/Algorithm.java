package io.flywheel.mlops.training;

import io.flywheel.shared.tabular.EncoderOptions;
import java.util.Locale;

/** The candidate algorithms, named as the model artifact names them, with the encoding each one trains on. */
public enum Algorithm {
    LOGISTIC_REGRESSION("logistic-regression", EncoderOptions.linear()),
    RANDOM_FOREST("random-forest", EncoderOptions.trees()),
    GRADIENT_BOOSTED_TREES("gradient-boosted-trees", EncoderOptions.boostedTrees());

    private final String label;
    private final EncoderOptions encoding;

    Algorithm(String label, EncoderOptions encoding) {
        this.label = label;
        this.encoding = encoding;
    }

    /** The stable name: {@code logistic-regression}, {@code random-forest}, {@code gradient-boosted-trees}. */
    public String label() {
        return label;
    }

    /** How raw features are encoded for this algorithm (standardised or not, imputed or left missing). */
    public EncoderOptions encoding() {
        return encoding;
    }

    /** The algorithm of a stable name (case-insensitive), or a precise error listing the known names. */
    public static Algorithm parse(String name) {
        for (Algorithm algorithm : values()) {
            if (algorithm.label.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown algorithm `" + name + "`; known: logistic-regression, "
                + "random-forest, gradient-boosted-trees");
    }
}
