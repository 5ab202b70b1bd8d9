package io.flywheel.inference.feedback;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /v1/feedback}: about exactly one answer (a rating 1–5 and an optional comment) or one
 * prediction (its true label, and/or a rating and a comment).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record FeedbackRequest(@JsonProperty("answer_id") String answerId,
                              @JsonProperty("prediction_id") String predictionId,
                              Integer rating, String comment, String label) {
}
