package io.flywheel.mlops.jobs;

import io.flywheel.shared.problem.Problem.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A unit of scheduled work of the platform ({@code retrain}, {@code evaluate}, {@code drift}, ...). Implement it as
 * an {@code @ApplicationScoped} bean; the framework finds it and runs it on its cron, on demand
 * ({@code POST /api/jobs/{name}/runs}) and from the command line ({@code java -jar quarkus-run.jar job <name>}),
 * never twice at once across the cluster, recording every run. See docs/registry.md, "Jobs".
 */
public interface Job {

    /** The name the API, the command line, the config keys and the Kubernetes CronJob use: {@code [a-z][a-z0-9-]*}. */
    String name();

    /** One line saying what a run does. */
    String description();

    /** The parameters a run accepts, name → meaning. A run with any other parameter is refused. */
    default Map<String, String> parameters() {
        return Map.of();
    }

    /** Checks parameter values before a run is queued; each problem names its parameter. */
    default List<FieldError> validate(Map<String, String> parameters) {
        return List.of();
    }

    /**
     * The schedule when {@code flywheel.jobs.<name>.cron} is not set: a Unix cron (five fields, UTC), the same
     * syntax as the Kubernetes CronJob's. Empty: the job runs only on demand.
     */
    default Optional<String> defaultCron() {
        return Optional.empty();
    }

    /**
     * Does the work, on a job thread (blocking is fine here; use {@link JobContext#await} for reactive calls such as
     * the registry's). Returns the outputs recorded with the run: JSON-friendly values (strings, numbers, booleans,
     * lists, maps, or records registered for reflection). Throwing fails the run with the exception's message.
     */
    Map<String, Object> run(JobContext context) throws Exception;
}
