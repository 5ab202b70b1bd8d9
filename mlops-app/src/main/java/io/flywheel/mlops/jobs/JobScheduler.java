package io.flywheel.mlops.jobs;

import io.flywheel.shared.problem.ProblemException;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Starts each job on its cron with quarkus-scheduler (Unix cron, UTC, as the Kubernetes CronJobs read). A tick that
 * finds the job running — here or in another pod — is skipped and logged; the lock decides, not the pod.
 */
@ApplicationScoped
class JobScheduler {

    private static final Logger LOG = Logger.getLogger(JobScheduler.class);
    private static final String UTC = "UTC";

    private final Scheduler scheduler;
    private final JobCatalog catalog;
    private final JobRunner runner;
    private final JobsConfig config;

    JobScheduler(Scheduler scheduler, JobCatalog catalog, JobRunner runner, JobsConfig config) {
        this.scheduler = scheduler;
        this.catalog = catalog;
        this.runner = runner;
        this.config = config;
    }

    void scheduleAtStart(@Observes @Priority(2) StartupEvent event) {
        if (!config.cronEnabled()) {
            LOG.info("jobs are not started by this app's cron (flywheel.jobs.cron-enabled=false)");
            return;
        }
        for (Job job : catalog.all()) {
            catalog.cron(job).ifPresent(cron -> {
                scheduler.newJob(identity(job)).setCron(cron).setTimeZone(UTC)
                        .setAsyncTask(execution -> tick(job)).schedule();
                LOG.infof("job %s runs on cron '%s' (UTC)", job.name(), cron);
            });
        }
    }

    /** The cron the app runs the job on now, or empty. */
    Optional<String> schedule(Job job) {
        return scheduledTrigger(job).flatMap(trigger -> catalog.cron(job));
    }

    /** When the app's cron starts the job next, or empty. */
    Optional<Instant> nextRun(Job job) {
        return scheduledTrigger(job).map(Trigger::getNextFireTime);
    }

    private Optional<Trigger> scheduledTrigger(Job job) {
        return Optional.ofNullable(scheduler.getScheduledJob(identity(job)));
    }

    private Uni<Void> tick(Job job) {
        return runner.submit(job.name(), Map.of(), JobTrigger.schedule())
                .invoke(run -> LOG.infof("job %s: run %s queued by its cron", job.name(), run.id()))
                .onFailure().invoke(failure -> {
                    if (failure instanceof ProblemException refused) {
                        LOG.infof("job %s: cron tick skipped: %s", job.name(), refused.getMessage());
                    } else {
                        LOG.errorf(failure, "job %s: cron tick failed", job.name());
                    }
                })
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private static String identity(Job job) {
        return "flywheel-job-" + job.name();
    }
}
