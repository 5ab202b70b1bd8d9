package io.flywheel.mlops.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.flywheel.shared.deployment.ModelKind;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A model version as the API shows it.
 *
 * @param evaluation the latest verdict of the evaluation gates ({@code passed}, {@code summary},
 *                   {@code baseline_version}, {@code details}, {@code evaluated_at}, {@code evaluated_by}), or
 *                   {@code null} when it was never evaluated
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionView(String model, int version, ModelKind kind, Stage stage,
                          @JsonProperty("stage_changed_at") OffsetDateTime stageChangedAt,
                          List<String> aliases, String description, ArtifactRef artifact,
                          Map<String, Double> metrics, Map<String, String> params, JsonNode details,
                          Lineage lineage, JsonNode evaluation) {

    static VersionView of(ModelVersion row, ModelKind kind, List<String> aliases) {
        return new VersionView(row.model, row.version, kind, row.stage(), row.stageChangedAt, aliases,
                row.description, new ArtifactRef(row.sha256.trim(), row.sizeBytes, ArtifactRef.path(row.model, row.version)),
                row.metrics, row.params, row.details,
                new Lineage(row.datasetSha256, row.codeVersion, row.createdBy, row.createdThrough, row.runId,
                        row.parentVersion, row.previousVersion, row.createdAt),
                row.evaluation);
    }

    /** Whether the evaluation gates passed this version. */
    public boolean passedEvaluation() {
        return evaluation != null && evaluation.path("passed").asBoolean(false);
    }
}
