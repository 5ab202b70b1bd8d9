package io.flywheel.mlops.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flywheel.shared.deployment.ModelKind;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code metadata} part of {@code POST /api/models/{name}/versions} (multipart, next to the {@code artifact}
 * part). Every field is optional except {@code kind} when the model does not exist yet; see {@link NewVersion}.
 */
public record VersionMetadata(ModelKind kind, String description, Map<String, Double> metrics,
                              Map<String, String> params, Map<String, Object> details,
                              @JsonProperty("dataset_sha256") String datasetSha256,
                              @JsonProperty("code_version") String codeVersion,
                              @JsonProperty("parent_version") Integer parentVersion,
                              @JsonProperty("run_id") UUID runId,
                              Stage stage) {

    /** The version these metadata describe, with its artifact bytes. */
    public NewVersion toNewVersion(String model, byte[] artifact) {
        return new NewVersion(model, kind, artifact, metrics, params, details, datasetSha256, codeVersion,
                parentVersion, runId, description, stage);
    }
}
