package io.flywheel.mlops.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/** A snapshot in a list: identity, size, class balance and whether its newest validation passed. */
public record DatasetSummary(String id, String name, String source, long rows, int features,
                             @JsonProperty("positive_rate") double positiveRate,
                             @JsonProperty("validation_passed") Boolean validationPassed,
                             @JsonProperty("created_by") String createdBy,
                             @JsonProperty("created_at") OffsetDateTime createdAt) {
}
