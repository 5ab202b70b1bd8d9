package io.flywheel.mlops.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Admits and runs jobs. Admission checks the job and its parameters, takes the job's cluster-wide lock (409 when
 * another run holds it), fails the runs a dead process left behind, and queues a run record; the run then goes to a
 * bounded pool of job threads (or runs on the caller's thread in command mode), and its end is recorded before the
 * lock is released.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final JobCatalog catalog;
    private final JobRuns runs;
    private final JobLocks locks;
    private final JobsConfig config;
    private final ObjectMapper json;
    private final ExecutorService workers;
    private final String host = ManagementFactory.getRuntimeMXBean().getName();
    private final Map<UUID, Admission> inFlight = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    JobRunner(JobCatalog catalog, JobRuns runs, JobLocks locks, JobsConfig config, ObjectMapper json) {
        this.catalog = catalog;
        this.runs = runs;
        this.locks = locks;
        this.config = config;
        this.json = json;
        AtomicInteger threads = new AtomicInteger();
        // a job has at most one run at a time, so the queue never needs to hold more than one run per job
        this.workers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(Math.max(1, catalog.all().size())), task -> {
                    Thread thread = new Thread(task, "flywheel-job-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Starts a run in the background and answers at once with its record (status queued): 404 for an unknown job,
     * 422 for parameters it does not take, 409 while the job runs anywhere in the cluster.
     */
    public Uni<JobRunView> submit(String job, Map<String, String> parameters, JobTrigger trigger) {
        return admit(job, parameters, trigger).invoke(this::dispatch).map(admission -> JobRunView.of(admission.run()));
    }

    /** The process this runner records as the owner of its runs. */
    public String host() {
        return host;
    }

    Uni<Admission> admit(String name, Map<String, String> parameters, JobTrigger trigger) {
        Map<String, String> given = parameters == null ? Map.of() : parameters;
        return Uni.createFrom().item(() -> {
            Job job = catalog.get(name);
            catalog.checkParameters(job, given);
            return job;
        }).chain(job -> locks.tryLock(name).chain(lock -> lock.isEmpty()
                ? Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT, "job " + name
                        + " is running already (another run holds its lock); try again when it has finished"))
                : runs.queue(name, given, trigger, host).map(run -> new Admission(job, run, lock.get()))
                        .onFailure().call(() -> lock.get().release())));
    }

    /** Runs an admitted run to its end on the calling thread, which may block: a job thread, or the command line's. */
    JobRunView execute(Admission admission) {
        UUID id = admission.run().id;
        String name = admission.job().name();
        inFlight.put(id, admission);
        RunContext context = new RunContext(this, admission.run(), json, config.progressInterval());
        try {
            Optional<JsonNode> resumeFrom = await(() -> runs.resumePoint(name, id));
            context.resumeFrom(resumeFrom);
            await(() -> runs.started(id));
            LOG.infof("job %s: run %s started (%s by %s)%s", name, id, admission.run().trigger,
                    admission.run().triggeredBy, resumeFrom.map(point -> ", resuming from " + point).orElse(""));
            JsonNode outputs = json.valueToTree(admission.job().run(context));
            JobRun done = await(() -> runs.finished(id, RunStatus.SUCCEEDED, context.progressNode(), outputs, null));
            LOG.infof("job %s: run %s succeeded in %d ms: %s", name, id, done.durationMs, outputs);
            return JobRunView.of(done);
        } catch (Exception | Error e) {
            // a shutdown interrupts job threads; clear the flag so that the end can still be recorded
            boolean interrupted = Thread.interrupted();
            LOG.errorf(e, "job %s: run %s failed", name, id);
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            try {
                return recordFailure(admission.run(), context, stopping ? "interrupted: the app shut down while it "
                        + "ran (" + error + ")" : error);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            inFlight.remove(id);
            release(admission.lock());
        }
    }

    /** Runs reactive code from a blocking thread on a Vert.x context, waiting at most the configured deadline. */
    <T> T await(Supplier<Uni<T>> action) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> action.get().ifNoItem()
                    .after(config.awaitTimeout()).fail());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    JobRuns runs() {
        return runs;
    }

    boolean stopping() {
        return stopping;
    }

    /** Stops job threads and records the runs they had as failed, so that nothing waits for a restart to be told. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        workers.shutdownNow();
        try {
            workers.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inFlight.values().forEach(admission -> {
            try {
                await(() -> runs.finished(admission.run().id, RunStatus.FAILED, null, null,
                        "interrupted: the app shut down while it ran"));
            } catch (RuntimeException e) {
                LOG.warnf("run %s could not be marked failed at shutdown (the next start will): %s",
                        admission.run().id, e.getMessage());
            }
            release(admission.lock());
        });
    }

    private JobRunView recordFailure(JobRun run, RunContext context, String error) {
        try {
            return JobRunView.of(await(() -> runs.finished(run.id, RunStatus.FAILED, context.progressNode(), null,
                    error)));
        } catch (RuntimeException e) {
            // the record stays "running" with its lock free: the next admission or start marks it failed
            LOG.errorf("job %s: run %s: its failure could not be recorded: %s", run.job, run.id, e.getMessage());
            run.status = RunStatus.FAILED.label();
            run.error = error;
            return JobRunView.of(run);
        }
    }

    private void dispatch(Admission admission) {
        try {
            workers.execute(() -> execute(admission));
        } catch (RejectedExecutionException e) {
            // on the event loop here: record the refusal without waiting for it
            runs.finished(admission.run().id, RunStatus.FAILED, null, null, "not started: the job threads refused "
                    + "it (the app is shutting down)").eventually(() -> admission.lock().release())
                    .subscribe().with(done -> { }, failure -> LOG.warn("could not record a refused run", failure));
        }
    }

    private void release(JobLock lock) {
        boolean interrupted = Thread.interrupted();
        try {
            await(lock::release);
        } catch (RuntimeException e) {
            LOG.warnf("the lock of job %s could not be released cleanly (it goes with its connection): %s",
                    lock.job(), e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An admitted run: the job, its queued record and the lock it holds. */
    record Admission(Job job, JobRun run, JobLock lock) {
    }
}
