package io.flywheel.mlops.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.flywheel.mlops.registry.Attribution;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** What a running {@link Job} knows about its run, and how it reports back. */
public interface JobContext {

    UUID runId();

    String job();

    /** Who or what started the run. */
    JobTrigger trigger();

    /** The run's parameters (only those the job declares). */
    Map<String, String> parameters();

    /**
     * Reports progress, e.g. {@code progress(Map.of("candidate", "gbt", "fold", "2/5", "rows", 9857))}: merged into the
     * run's {@code progress}, logged at once, written to the run record at most every
     * {@code flywheel.jobs.progress-interval} (and at the end).
     */
    void progress(Map<String, ?> values);

    /** Reports one progress value. */
    default void progress(String key, Object value) {
        progress(Map.of(key, value));
    }

    /**
     * Saves where the run is, written to the run record at once, so that the next run after a crash or failure can
     * go on from there (see {@link #resumeFrom()}).
     */
    void checkpoint(Map<String, ?> state);

    /** The last checkpoint of the previous run of this job if that run did not succeed; empty otherwise. */
    Optional<JsonNode> resumeFrom();

    /**
     * Runs reactive code (the registry's services, Panache) on a Vert.x context and waits for its item, at most
     * {@code flywheel.jobs.await-timeout}. Failures are rethrown.
     */
    <T> T await(Supplier<Uni<T>> action);

    /** Whether the run was asked to stop (the app is shutting down); long jobs check it between steps. */
    boolean stopping();

    /** The attribution of the changes this run makes in the registry and the deployments. */
    Attribution attribution(String reason);
}
