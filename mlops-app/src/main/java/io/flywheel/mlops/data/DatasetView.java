package io.flywheel.mlops.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flywheel.mlops.validation.ValidationView;
import io.flywheel.shared.data.FeatureSchema;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One snapshot in full: its schema, size, class balance, column profile and its newest validation.
 *
 * @param id           sha256 of the canonical content
 * @param name         the dataset it belongs to
 * @param source       where the rows came from, and details
 * @param schema       features, label, classes
 * @param rows         row count
 * @param classBalance rows per class
 * @param profile      per-column profile
 * @param sizeBytes    canonical CSV size, and what is stored (compressed)
 * @param validation   the newest validation, or {@code null}
 */
public record DatasetView(String id, String name, SnapshotSource source, FeatureSchema schema, long rows,
                          @JsonProperty("class_balance") Map<String, Long> classBalance, DatasetProfile profile,
                          @JsonProperty("size_bytes") Map<String, Long> sizeBytes, ValidationView validation,
                          @JsonProperty("created_by") String createdBy,
                          @JsonProperty("created_at") OffsetDateTime createdAt) {
}
