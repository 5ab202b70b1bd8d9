package io.flywheel.mlops.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A run as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRunView(UUID id, String job, RunStatus status, String trigger,
                         @JsonProperty("triggered_by") String triggeredBy, Map<String, String> parameters,
                         String host,
                         @JsonProperty("queued_at") OffsetDateTime queuedAt,
                         @JsonProperty("started_at") OffsetDateTime startedAt,
                         @JsonProperty("finished_at") OffsetDateTime finishedAt,
                         @JsonProperty("duration_ms") Long durationMs,
                         JsonNode progress, JsonNode checkpoint, JsonNode outputs, String error) {

    static JobRunView of(JobRun run) {
        return new JobRunView(run.id, run.job, run.status(), run.trigger, run.triggeredBy, run.parameters, run.host,
                run.queuedAt, run.startedAt, run.finishedAt, run.durationMs, run.progress, run.checkpoint,
                run.outputs, run.error);
    }
}
