package io.flywheel.mlops.jobs;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At start, marks failed the runs that a dead process left queued or running: a run is active only while its
 * process holds the job's lock, so an active run whose lock can be taken has no owner any more. (Admitting a new run
 * of a job does the same for that job, so a crash is also cleaned up without a restart.)
 */
@ApplicationScoped
class JobRecovery {

    private static final Logger LOG = Logger.getLogger(JobRecovery.class);

    private final JobRunner runner;
    private final JobRuns runs;
    private final JobLocks locks;

    JobRecovery(JobRunner runner, JobRuns runs, JobLocks locks) {
        this.runner = runner;
        this.runs = runs;
        this.locks = locks;
    }

    void recoverAtStart(@Observes @Priority(1) StartupEvent event) {
        try {
            int failed = runner.await(this::recover);
            if (failed > 0) {
                LOG.warnf("marked %d interrupted job run(s) failed", failed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not look for interrupted job runs at start (the next run of each job will): %s",
                    e.getMessage());
        }
    }

    /** Fails the orphaned runs of every job whose lock is free; returns how many. */
    Uni<Integer> recover() {
        return runs.activeJobs().chain(jobs -> Multi.createFrom().iterable(jobs)
                .onItem().transformToUniAndConcatenate(this::recover)
                .collect().asList().map(counts -> counts.stream().mapToInt(Integer::intValue).sum()));
    }

    private Uni<Integer> recover(String job) {
        return locks.tryLock(job).chain(lock -> lock.isEmpty() ? Uni.createFrom().item(0)
                : runs.failOrphansOf(job, runner.host()).eventually(() -> lock.get().release()));
    }
}
