package io.flywheel.inference.predictions;

import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.drift.ReferenceStatistics;
import io.flywheel.shared.inference.TensorBatch;
import java.time.Instant;
import java.util.UUID;

/**
 * The rows of one answered request, as the inference service hands them to the prediction log: one row of
 * {@code inference.prediction} per id. Holds the request's own arrays; the log keeps only the columns it writes.
 *
 * @param ids           one prediction id per row
 * @param at            when the request was answered
 * @param model         the model name
 * @param version       the version that answered
 * @param canary        whether that version was the canary
 * @param requestId     the request's id
 * @param schema        the answering version's features, to name the values
 * @param reference     the answering version's training reference, to bin the rows on; {@code null} when it has none
 * @param rows          the rows' feature values
 * @param probabilities the positive-class probability of each row
 * @param labels        the predicted class of each row
 * @param latencyMillis the request's latency
 * @param caller        the caller's key id, hashed (sha256 hex)
 * @param traceId       the W3C trace id, or {@code null}
 */
public record LoggedPredictions(UUID[] ids, Instant at, String model, int version, boolean canary, String requestId,
                                FeatureSchema schema, ReferenceStatistics reference, TensorBatch rows,
                                double[] probabilities, String[] labels, double latencyMillis, String caller,
                                String traceId) {

    public int size() {
        return ids.length;
    }
}
