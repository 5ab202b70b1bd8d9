package io.flywheel.mlops.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A rollout as the API shows it; {@code events} (steps, analyses, actions) only on {@code GET /api/rollouts/{id}}.
 * The dashboard reads this shape: fields are only ever added.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutView(UUID id, String model, int version, @JsonProperty("stable_version") int stableVersion,
                          String strategy, List<Double> steps, int step, double weight, String status, String reason,
                          @JsonProperty("started_by") String startedBy,
                          @JsonProperty("created_at") OffsetDateTime createdAt,
                          @JsonProperty("step_started_at") OffsetDateTime stepStartedAt,
                          @JsonProperty("next_analysis_at") OffsetDateTime nextAnalysisAt,
                          @JsonProperty("finished_at") OffsetDateTime finishedAt,
                          List<RolloutEventView> events) {

    static RolloutView of(Rollout rollout, List<RolloutEvent> events) {
        return new RolloutView(rollout.id, rollout.model, rollout.version, rollout.stableVersion, rollout.strategy,
                rollout.weightList(), rollout.step, rollout.weight, rollout.status, rollout.reason, rollout.startedBy,
                rollout.createdAt, rollout.stepStartedAt, rollout.active() ? rollout.nextAnalysisAt : null,
                rollout.finishedAt, events == null ? null : events.stream().map(RolloutEventView::of).toList());
    }
}
