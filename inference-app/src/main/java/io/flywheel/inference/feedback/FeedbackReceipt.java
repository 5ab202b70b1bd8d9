package io.flywheel.inference.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What was recorded; {@code created} is false when the same target already had feedback (it was replaced). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedbackReceipt(@JsonProperty("answer_id") String answerId,
                              @JsonProperty("prediction_id") String predictionId,
                              Integer rating, String comment, String label, boolean created) {
}
