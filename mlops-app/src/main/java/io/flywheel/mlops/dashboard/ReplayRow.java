package io.flywheel.mlops.dashboard;

import io.quarkus.qute.TemplateData;

/**
 * One logged prediction and what the current Production version answers for the same features.
 *
 * @param changed whether the predicted label differs
 */
@TemplateData
public record ReplayRow(String predictionId, String loggedAt, int loggedVersion, String loggedProbability,
                        String loggedLabel, String currentProbability, String currentLabel, boolean changed) {
}
