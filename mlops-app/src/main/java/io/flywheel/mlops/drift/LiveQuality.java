package io.flywheel.mlops.drift;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the model does on the window's predictions that received feedback, next to its held-out figures at training.
 * A figure that cannot be computed (AUC with one class only) is {@code null}.
 *
 * @param labelled predictions of the window with a true label
 */
public record LiveQuality(long labelled, Double accuracy, @JsonProperty("roc_auc") Double rocAuc,
                          @JsonProperty("training_accuracy") Double trainingAccuracy,
                          @JsonProperty("training_roc_auc") Double trainingRocAuc) {
}
