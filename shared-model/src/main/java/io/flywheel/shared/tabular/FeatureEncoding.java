package io.flywheel.shared.tabular;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** How one feature becomes one or more numbers of the model's input vector. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NumericEncoding.class, name = "numeric"),
        @JsonSubTypes.Type(value = OneHotEncoding.class, name = "one-hot")})
public sealed interface FeatureEncoding permits NumericEncoding, OneHotEncoding {

    /** The feature (column) this encoding reads. */
    String feature();

    /** How many numbers it produces. */
    int width();
}
