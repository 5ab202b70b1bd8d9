package io.flywheel.mlops.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Two versions of a model side by side: every metric of either with the candidate's delta over the base, every
 * parameter of either with whether it changed, and both versions whole (lineage, evaluation, artifact).
 */
public record Comparison(String model, VersionView base, VersionView candidate, List<MetricDelta> metrics,
                         List<ParamDiff> params,
                         @JsonProperty("same_dataset") boolean sameDataset,
                         @JsonProperty("same_artifact") boolean sameArtifact) {

    /** One metric of the two versions; a side is {@code null} where that version lacks the metric. */
    public record MetricDelta(String name, Double base, Double candidate, Double delta) {
    }

    /** One parameter of the two versions; a side is {@code null} where that version lacks the parameter. */
    public record ParamDiff(String name, String base, String candidate, boolean changed) {
    }
}
