package io.flywheel.mlops.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the jobs framework ({@code flywheel.jobs.*}). */
@ConfigMapping(prefix = "flywheel.jobs")
public interface JobsConfig {

    /**
     * Whether the app starts jobs on their cron. On in the embedded platform; off where Kubernetes CronJobs start them
     * (the command mode turns it off for itself).
     */
    @WithDefault("true")
    boolean cronEnabled();

    /** Threads that run jobs. A job never runs twice at once, so this bounds how many different jobs overlap. */
    @WithDefault("2")
    int workers();

    /** How often at most a run's progress is written to its record; every report is logged. */
    @WithDefault("2s")
    Duration progressInterval();

    /** Deadline for opening a job's lock connection and taking or releasing its lock. */
    @WithDefault("30s")
    Duration lockTimeout();

    /** Deadline for one reactive step a job waits for ({@code JobContext.await}), e.g. registering a version. */
    @WithDefault("10m")
    Duration awaitTimeout();

    /** The most runs one page of {@code GET /api/jobs/runs} holds. */
    @WithDefault("100")
    int maxPageSize();

    /** Per job, by name: {@code flywheel.jobs.<name>.cron}. */
    @WithParentName
    Map<String, JobSettings> job();

    /** The settings of one job. */
    interface JobSettings {

        /** A Unix cron (five fields, UTC) replacing the job's default; {@code off} runs it only on demand. */
        Optional<String> cron();
    }
}
