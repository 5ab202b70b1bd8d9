package io.flywheel.shared.tabular;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The learned parameters of one of the three supported algorithms, over the encoder's output vector. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LogisticRegression.class, name = LogisticRegression.TYPE),
        @JsonSubTypes.Type(value = RandomForest.class, name = RandomForest.TYPE),
        @JsonSubTypes.Type(value = GradientBoostedTrees.class, name = GradientBoostedTrees.TYPE)})
public sealed interface ModelParameters permits LogisticRegression, RandomForest, GradientBoostedTrees {

    /** The algorithm's stable name, as written in the artifact: {@code logistic-regression}, ... */
    String algorithm();

    /** Checks that every feature index fits an encoded vector of this width. */
    void checkWidth(int encodedWidth);

    /** Whether a missing (NaN) encoded value is acceptable input; only boosted trees route missing values. */
    boolean acceptsMissing();

    /** The scoring form of these parameters. */
    Scorer compile();
}
