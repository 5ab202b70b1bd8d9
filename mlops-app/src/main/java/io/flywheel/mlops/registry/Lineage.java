package io.flywheel.mlops.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where a version comes from.
 *
 * @param datasetSha256   the dataset snapshot it was trained or built from
 * @param codeVersion     the code that made it
 * @param createdBy       the person or component that registered it
 * @param createdThrough  how: {@code api}, or the job run that made it
 * @param runId           the job run that made it, if one did
 * @param parentVersion   the version it was derived from, if its creator said so
 * @param previousVersion the newest version of the model before it
 * @param createdAt       when it was registered
 */
public record Lineage(@JsonProperty("dataset_sha256") String datasetSha256,
                      @JsonProperty("code_version") String codeVersion,
                      @JsonProperty("created_by") String createdBy,
                      @JsonProperty("created_through") String createdThrough,
                      @JsonProperty("run_id") UUID runId,
                      @JsonProperty("parent_version") Integer parentVersion,
                      @JsonProperty("previous_version") Integer previousVersion,
                      @JsonProperty("created_at") OffsetDateTime createdAt) {
}
