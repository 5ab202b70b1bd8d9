package io.flywheel.shared.drift;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The training distribution of one feature (or of the predicted probability), what live data is compared with. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NumericReference.class, name = "numeric"),
        @JsonSubTypes.Type(value = CategoricalReference.class, name = "categorical")})
public sealed interface FeatureReference permits NumericReference, CategoricalReference {

    String feature();

    /** Share of training rows where the value was missing. */
    double nullRate();

    /** Number of value bins (missing values have their own bin besides these). */
    int binCount();

    /** The reference share of each value bin among all rows, missing values included as the last entry. */
    double[] binShares();
}
