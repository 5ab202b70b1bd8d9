package io.flywheel.mlops.jobs;

import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The jobs as the API shows them: the catalog with schedules and last runs, run history, on-demand runs. */
@ApplicationScoped
public class JobService {

    private final JobCatalog catalog;
    private final JobScheduler scheduler;
    private final JobRunner runner;
    private final JobRuns runs;
    private final JobsConfig config;

    JobService(JobCatalog catalog, JobScheduler scheduler, JobRunner runner, JobRuns runs, JobsConfig config) {
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.runner = runner;
        this.runs = runs;
        this.config = config;
    }

    /** Every job with its schedule, whether it runs now, and its newest run. */
    public Uni<List<JobView>> jobs() {
        return runs.activeJobs().chain(active -> Multi.createFrom().iterable(catalog.all())
                .onItem().transformToUniAndConcatenate(job -> runs.latest(job.name()).map(last -> new JobView(
                        job.name(), job.description(), job.parameters(), scheduler.schedule(job).orElse(null),
                        scheduler.nextRun(job).orElse(null), active.contains(job.name()),
                        last == null ? null : JobRunView.of(last))))
                .collect().asList());
    }

    /** Starts a run now (see {@link JobRunner#submit}). */
    public Uni<JobRunView> start(String job, Map<String, String> parameters, JobTrigger trigger) {
        return runner.submit(job, parameters, trigger);
    }

    public Uni<JobRunView> run(UUID id) {
        return runs.view(id);
    }

    /** Runs newest first; {@code job} and {@code status} filter when given (an unknown one is a 422). */
    public Uni<RunPage> runs(String job, String status, int page, int size) {
        RunStatus wanted = status == null ? null : RunStatus.parse(status);
        if (status != null && wanted == null) {
            return invalid("status", "must be one of queued, running, succeeded, failed");
        }
        if (job != null && catalog.find(job).isEmpty()) {
            return invalid("job", "no job named '" + job + "'");
        }
        if (page < 0) {
            return invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > config.maxPageSize()) {
            return invalid("size", "must be between 1 and " + config.maxPageSize());
        }
        return runs.page(job, wanted, page, size);
    }

    private static <T> Uni<T> invalid(String field, String message) {
        return Uni.createFrom().failure(new ProblemException(ProblemType.INVALID_REQUEST, "the query is invalid",
                List.of(new FieldError(field, message))));
    }
}
