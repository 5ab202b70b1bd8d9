package io.flywheel.mlops.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flywheel.mlops.registry.Attribution;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** The {@link JobContext} of one run: keeps its progress, writes it to the run record at a bounded rate. */
final class RunContext implements JobContext {

    private static final Logger LOG = Logger.getLogger(RunContext.class);

    private final JobRunner runner;
    private final JobRun run;
    private final ObjectMapper json;
    private final Duration writeInterval;
    private final ObjectNode progress;
    private Optional<JsonNode> resumeFrom = Optional.empty();
    private Instant lastWrite = Instant.EPOCH;

    RunContext(JobRunner runner, JobRun run, ObjectMapper json, Duration writeInterval) {
        this.runner = runner;
        this.run = run;
        this.json = json;
        this.writeInterval = writeInterval;
        this.progress = json.createObjectNode();
    }

    @Override
    public UUID runId() {
        return run.id;
    }

    @Override
    public String job() {
        return run.job;
    }

    @Override
    public JobTrigger trigger() {
        return new JobTrigger(run.trigger, run.triggeredBy);
    }

    @Override
    public Map<String, String> parameters() {
        return run.parameters;
    }

    @Override
    public synchronized void progress(Map<String, ?> values) {
        values.forEach((key, value) -> progress.set(key, json.valueToTree(value)));
        LOG.infof("job %s: run %s: %s", run.job, run.id, values);
        Instant now = Instant.now();
        if (Duration.between(lastWrite, now).compareTo(writeInterval) >= 0) {
            lastWrite = now;
            JsonNode snapshot = progress.deepCopy();
            try {
                runner.await(() -> runner.runs().progressed(run.id, snapshot));
            } catch (RuntimeException e) {
                LOG.warnf("job %s: run %s: progress not recorded: %s", run.job, run.id, e.getMessage());
            }
        }
    }

    @Override
    public synchronized void checkpoint(Map<String, ?> state) {
        JsonNode checkpoint = json.valueToTree(state);
        JsonNode snapshot = progress.deepCopy();
        runner.await(() -> runner.runs().checkpointed(run.id, checkpoint, snapshot));
        lastWrite = Instant.now();
    }

    @Override
    public Optional<JsonNode> resumeFrom() {
        return resumeFrom;
    }

    @Override
    public <T> T await(Supplier<Uni<T>> action) {
        return runner.await(action);
    }

    @Override
    public boolean stopping() {
        return runner.stopping() || Thread.currentThread().isInterrupted();
    }

    @Override
    public Attribution attribution(String reason) {
        return new Attribution(JobRuns.actor(run.job), JobRuns.trigger(run.id), reason);
    }

    void resumeFrom(Optional<JsonNode> point) {
        resumeFrom = point;
    }

    /** The progress reported so far, or {@code null} when there was none. */
    synchronized JsonNode progressNode() {
        return progress.isEmpty() ? null : progress.deepCopy();
    }
}
