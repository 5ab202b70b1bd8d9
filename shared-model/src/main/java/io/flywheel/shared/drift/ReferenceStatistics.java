package io.flywheel.shared.drift;

import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import java.util.List;

/**
 * The training distribution of every feature and of the predicted probability, stored in a model artifact so drift
 * can later be measured against it.
 *
 * @param rows       number of training rows they were computed on
 * @param features   one reference per schema feature, in schema order
 * @param prediction the distribution of the model's predicted probability on those rows
 */
public record ReferenceStatistics(long rows, List<FeatureReference> features, NumericReference prediction) {

    /** The name under which the predicted probability appears in drift results. */
    public static final String PREDICTION = "prediction";

    public ReferenceStatistics {
        if (rows < 1) {
            throw new IllegalArgumentException("reference statistics need at least one row, have " + rows);
        }
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("reference statistics need at least one feature");
        }
        features = List.copyOf(features);
        if (prediction == null) {
            throw new IllegalArgumentException("reference statistics need the prediction's distribution");
        }
    }

    /** Computes the references of a table's features and of the model's predictions on the same rows. */
    public static ReferenceStatistics of(FeatureSchema schema, Table table, double[] predictions,
                                         ReferenceOptions options) {
        return ReferenceBuilder.build(schema, table, predictions, options);
    }

    /** The reference of a feature, by name. */
    public FeatureReference feature(String name) {
        for (FeatureReference feature : features) {
            if (feature.feature().equals(name)) {
                return feature;
            }
        }
        throw new IllegalArgumentException("no reference for feature `" + name + "`");
    }
}
