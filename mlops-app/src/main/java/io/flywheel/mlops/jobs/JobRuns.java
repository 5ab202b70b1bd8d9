package io.flywheel.mlops.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.AuditRecord;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The run records: created, moved through their statuses, queried. Each change is its own transaction; the start and
 * the end of every run are also entries of the audit log (target {@code job:<name>/<run id>}).
 */
@ApplicationScoped
public class JobRuns implements PanacheRepositoryBase<JobRun, UUID> {

    private static final List<String> ACTIVE = List.of(RunStatus.QUEUED.label(), RunStatus.RUNNING.label());
    private static final String RECOVERY = "job-recovery";

    private final AuditLog audit;

    JobRuns(AuditLog audit) {
        this.audit = audit;
    }

    /** How a job appears as the actor of what its runs change (the registry's lineage, the audit log). */
    public static String actor(String job) {
        return "job:" + job;
    }

    /** How a run appears as the trigger of what it changes. */
    public static String trigger(UUID run) {
        return "job-run:" + run;
    }

    /**
     * Queues a run. The caller holds the job's lock, so any other active run of the job belongs to a process that
     * died: it is marked failed first.
     */
    public Uni<JobRun> queue(String job, Map<String, String> parameters, JobTrigger trigger, String host) {
        return Panache.withTransaction(() -> failOrphans(job, host).chain(() -> {
            JobRun run = new JobRun();
            run.id = UUID.randomUUID();
            run.job = job;
            run.trigger = trigger.kind();
            run.triggeredBy = trigger.actor();
            run.parameters = Map.copyOf(parameters);
            run.status = RunStatus.QUEUED.label();
            run.host = host;
            run.queuedAt = now();
            return persist(run).call(queued -> audit.append(new AuditRecord(trigger.actor(), trigger.kind(),
                    "job.run.start", target(queued), null, null, null, Map.of("parameters", queued.parameters,
                    "host", host))));
        }));
    }

    /** In a transaction of its own: marks failed the active runs of a job whose lock the caller holds. */
    public Uni<Integer> failOrphansOf(String job, String byHost) {
        return Panache.withTransaction(() -> failOrphans(job, byHost));
    }

    /** Marks the job's active runs failed: their process died (its lock is free, and the caller holds it now). */
    private Uni<Integer> failOrphans(String job, String byHost) {
        return list("job = ?1 and status in ?2", job, ACTIVE).chain(orphans -> {
            OffsetDateTime now = now();
            orphans.forEach(run -> finish(run, RunStatus.FAILED, now, null, "interrupted: the process that ran it ("
                    + run.host + ") stopped before it finished; found by " + byHost));
            return Multi.createFrom().iterable(orphans)
                    .onItem().transformToUniAndConcatenate(run -> audit.append(ended(run, RECOVERY, "recovery")))
                    .collect().asList().replaceWith(orphans.size());
        });
    }

    public Uni<JobRun> started(UUID id) {
        return update(id, run -> {
            run.status = RunStatus.RUNNING.label();
            run.startedAt = now();
        });
    }

    public Uni<JobRun> progressed(UUID id, JsonNode progress) {
        return update(id, run -> run.progress = progress);
    }

    public Uni<JobRun> checkpointed(UUID id, JsonNode checkpoint, JsonNode progress) {
        return update(id, run -> {
            run.checkpoint = checkpoint;
            run.progress = progress;
        });
    }

    /** Ends the run; when it is no longer active (another process failed it meanwhile) the record is left as is. */
    public Uni<JobRun> finished(UUID id, RunStatus status, JsonNode progress, JsonNode outputs, String error) {
        return Panache.withTransaction(() -> findById(id, LockModeType.PESSIMISTIC_WRITE).call(run -> {
            if (run == null || run.status().finished()) {
                return Uni.createFrom().voidItem();
            }
            run.progress = progress;
            finish(run, status, now(), outputs, error);
            return audit.append(ended(run, actor(run.job), run.trigger));
        }));
    }

    /** The checkpoint of the job's newest finished run, if that run failed. */
    public Uni<Optional<JsonNode>> resumePoint(String job, UUID before) {
        return Panache.withSession(() -> find("job = ?1 and id <> ?2 and finishedAt is not null", Sort.descending(
                "finishedAt"), job, before).firstResult().map(last -> Optional.ofNullable(last != null
                && last.status() == RunStatus.FAILED ? last.checkpoint : null)));
    }

    public Uni<JobRunView> view(UUID id) {
        return Panache.withSession(() -> findById(id)).map(run -> {
            if (run == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no job run " + id);
            }
            return JobRunView.of(run);
        });
    }

    /** A page of runs, newest first, optionally of one job and in one status. */
    public Uni<RunPage> page(String job, RunStatus status, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (job != null) {
            query.append(" and job = :job");
            parameters.and("job", job);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status.label());
        }
        return Panache.withSession(() -> {
            var found = find(query.toString(), Sort.descending("queuedAt"), parameters);
            return found.page(Page.of(page, size)).list().chain(runs -> found.count().map(total ->
                    new RunPage(runs.stream().map(JobRunView::of).toList(), page, size, total)));
        });
    }

    /** The newest run of a job, or {@code null}. */
    public Uni<JobRun> latest(String job) {
        return Panache.withSession(() -> find("job", Sort.descending("queuedAt"), job).firstResult());
    }

    /** The names of the jobs with a queued or running run. */
    public Uni<List<String>> activeJobs() {
        return Panache.withSession(() -> find("status in ?1", ACTIVE).list())
                .map(runs -> runs.stream().map(run -> run.job).distinct().toList());
    }

    private Uni<JobRun> update(UUID id, Consumer<JobRun> change) {
        return Panache.withTransaction(() -> findById(id, LockModeType.PESSIMISTIC_WRITE).map(run -> {
            if (run != null && !run.status().finished()) {
                change.accept(run);
            }
            return run;
        }));
    }

    private static AuditRecord ended(JobRun run, String actor, String trigger) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("duration_ms", run.durationMs);
        details.put("host", run.host);
        return new AuditRecord(actor, trigger, "job.run.end", target(run), null, null,
                run.status().label() + (run.error == null ? "" : ": " + run.error), details);
    }

    private static String target(JobRun run) {
        return "job:" + run.job + "/" + run.id;
    }

    private static void finish(JobRun run, RunStatus status, OffsetDateTime at, JsonNode outputs, String error) {
        run.status = status.label();
        run.finishedAt = at;
        run.durationMs = run.startedAt == null ? null : Duration.between(run.startedAt, at).toMillis();
        run.outputs = outputs;
        run.error = error;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
