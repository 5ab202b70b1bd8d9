package io.flywheel.mlops.jobs;

import io.flywheel.mlops.access.Caller;
import java.util.Objects;

/**
 * Who or what started a run.
 *
 * @param kind  {@code schedule}, {@code api}, {@code command}, or the component that asked (e.g. {@code agent})
 * @param actor the person (principal name) or component behind it
 */
public record JobTrigger(String kind, String actor) {

    public static final String SCHEDULE = "schedule";
    public static final String API = "api";
    public static final String COMMAND = "command";

    public JobTrigger {
        Objects.requireNonNull(kind, "kind");
        actor = actor == null || actor.isBlank() ? kind : actor;
    }

    /** The app's own cron. */
    public static JobTrigger schedule() {
        return new JobTrigger(SCHEDULE, "scheduler");
    }

    /** A request to {@code POST /api/jobs/{name}/runs}, by its caller ({@code null}: not authenticated). */
    public static JobTrigger api(String actor) {
        return new JobTrigger(API, actor == null ? Caller.ANONYMOUS : actor);
    }

    /** {@code java -jar quarkus-run.jar job <name>}, e.g. a Kubernetes CronJob. */
    public static JobTrigger command() {
        return new JobTrigger(COMMAND, System.getProperty("user.name", COMMAND));
    }
}
