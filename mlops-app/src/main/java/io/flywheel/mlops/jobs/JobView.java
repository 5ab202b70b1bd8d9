package io.flywheel.mlops.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * A job as {@code GET /api/jobs} lists it.
 *
 * @param schedule the cron the app runs it on, or {@code null} (on demand only, or the app's cron is off)
 * @param nextRun  when the app's cron starts it next, or {@code null}
 * @param running  whether a run is queued or running anywhere in the cluster
 * @param lastRun  the newest run, or {@code null}
 */
public record JobView(String name, String description, Map<String, String> parameters, String schedule,
                      @JsonProperty("next_run") Instant nextRun, boolean running,
                      @JsonProperty("last_run") JobRunView lastRun) {
}
