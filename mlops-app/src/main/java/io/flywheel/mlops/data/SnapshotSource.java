package io.flywheel.mlops.data;

import java.util.Map;

/**
 * Where a snapshot's rows came from: {@code upload} (a CSV sent to {@code POST /api/datasets}) or, for the loop,
 * {@code prediction-feedback} (the prediction log joined with feedback over a window). Both end as a table and a
 * schema handed to {@link DatasetService#store}, so a new source adds a producer, not a storage path.
 *
 * @param kind    {@code upload} or {@code prediction-feedback}
 * @param details what identifies the origin (e.g. delimiter and size of an upload; model and window of a join)
 */
public record SnapshotSource(String kind, Map<String, String> details) {

    public static final String UPLOAD = "upload";
    public static final String PREDICTION_FEEDBACK = "prediction-feedback";

    public SnapshotSource {
        details = Map.copyOf(details);
    }
}
