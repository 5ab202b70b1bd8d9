package io.flywheel.shared.drift;

import java.util.List;

/**
 * How far the live distribution of one feature (or of the prediction) is from its training reference.
 *
 * @param feature         the feature name, or {@code prediction}
 * @param live            number of live values seen (missing ones included)
 * @param psi             population stability index, {@code null} when no live value was seen
 * @param kl              KL divergence of live from reference, {@code KL(live ‖ reference)}, {@code null} likewise
 * @param bins            a label per bin: value ranges or categories, then {@code other} (categorical only) and
 *                        {@code missing}
 * @param referenceShares the reference share of each bin
 * @param liveShares      the live share of each bin
 */
public record FeatureDrift(String feature, long live, Double psi, Double kl, List<String> bins,
                           double[] referenceShares, double[] liveShares) {

    public FeatureDrift {
        bins = List.copyOf(bins);
    }
}
