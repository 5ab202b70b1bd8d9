package io.flywheel.mlops.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flywheel.shared.deployment.ModelKind;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A registered model as the API shows it.
 *
 * @param latestVersion     the newest version, or {@code null} before the first
 * @param productionVersion the version in Production, or {@code null}
 * @param versions          how many versions it has
 * @param aliases           alias → version
 */
public record ModelView(String name, ModelKind kind, String description,
                        @JsonProperty("created_at") OffsetDateTime createdAt,
                        @JsonProperty("created_by") String createdBy,
                        @JsonProperty("latest_version") Integer latestVersion,
                        @JsonProperty("production_version") Integer productionVersion,
                        long versions, Map<String, Integer> aliases) {
}
