package io.flywheel.shared.drift;

import java.util.List;

/**
 * Drift of a live sample against a model's training reference, per feature and on the predicted probability.
 *
 * @param epsilon    the floor applied to every share before taking logarithms
 * @param features   one entry per reference feature, in reference order
 * @param prediction the drift of the predicted probability
 */
public record DriftReport(double epsilon, List<FeatureDrift> features, FeatureDrift prediction) {

    public DriftReport {
        features = List.copyOf(features);
    }

    /** The entry of a feature, by name. */
    public FeatureDrift feature(String name) {
        return features.stream().filter(drift -> drift.feature().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no drift entry for `" + name + "`"));
    }
}
