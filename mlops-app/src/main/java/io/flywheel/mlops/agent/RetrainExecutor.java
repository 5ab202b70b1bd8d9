package io.flywheel.mlops.agent;

import io.flywheel.mlops.data.DatasetService;
import io.flywheel.mlops.data.FeedbackSnapshots;
import io.flywheel.mlops.jobs.JobRunView;
import io.flywheel.mlops.jobs.JobService;
import io.flywheel.mlops.jobs.JobTrigger;
import io.flywheel.mlops.jobs.RunStatus;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.mlops.training.RetrainJob;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Retrains a model: starts the {@code retrain} job for it on the action's {@code dataset}; else, when enough new labels
 * arrived ({@code flywheel.datasets.feedback.min-new-labels}), on a fresh snapshot of its labelled predictions
 * ({@code feedback:<model>}, what the model meets now); else on the dataset of the model's name (the job names models
 * after their datasets). It waits for the run, reporting the newest version's metrics before and the run's outputs
 * (the version it registered, its AUC) after.
 */
@ApplicationScoped
public class RetrainExecutor implements ActionExecutor {

    static final String ACTOR = "agent";

    private final JobService jobs;
    private final DatasetService datasets;
    private final FeedbackSnapshots feedback;
    private final RegistryQueries registry;
    private final RetrainSettings settings;

    public RetrainExecutor(JobService jobs, DatasetService datasets, FeedbackSnapshots feedback,
                           RegistryQueries registry, RetrainSettings settings) {
        this.jobs = jobs;
        this.datasets = datasets;
        this.feedback = feedback;
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public ActionType type() {
        return ActionType.RETRAIN;
    }

    @Override
    public List<FieldError> validate(String target, Map<String, Object> parameters) {
        Object model = parameters.get("model");
        return model == null || model.toString().isBlank()
                ? List.of(new FieldError("parameters.model", "names the model to retrain")) : List.of();
    }

    @Override
    public ExecutionResult execute(ActionRequest request) throws Exception {
        String model = request.parameter("model");
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("model", model);
        String dataset = request.parameter("dataset") != null ? request.parameter("dataset") : defaultDataset(model);
        if (dataset == null) {
            // the job alone would take the newest snapshot of any dataset: never retrain a model on someone else's data
            return ExecutionResult.failed("no dataset to retrain " + model + " on: none is named after it and the "
                    + "action names none (parameter dataset)");
        }
        parameters.put("dataset", dataset);
        Map<String, Object> before = newestVersion(model);
        JobRunView run = await(() -> jobs.start(RetrainJob.NAME, parameters, new JobTrigger(ACTOR,
                request.approver() == null ? ACTOR : ACTOR + " (approved by " + request.approver() + ")")));
        JobRunView finished = awaitEnd(run);
        if (finished == null) {
            return ExecutionResult.failed("retrain run " + run.id() + " did not end within " + settings.timeout()
                    + "; it goes on, see GET /api/jobs/runs/" + run.id());
        }
        if (finished.status() != RunStatus.SUCCEEDED) {
            return ExecutionResult.failed("retrain run " + run.id() + " failed: " + finished.error());
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("run", run.id().toString());
        finished.outputs().fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode()) {
                after.put(field.getKey(), field.getValue().isNumber() ? field.getValue().numberValue()
                        : field.getValue().asText());
            }
        });
        return ExecutionResult.succeeded("retrain run " + run.id() + " registered " + model + " v"
                + after.get("version") + (Boolean.FALSE.equals(finished.outputs().path("registered").asBoolean(true))
                ? " (already registered)" : ""), before, after);
    }

    /** Labelled live rows when enough arrived, else the dataset of the model's name, else none. */
    private String defaultDataset(String model) throws Exception {
        if (enoughNewLabels(model)) {
            return RetrainJob.FEEDBACK_PREFIX + model;
        }
        return await(() -> datasets.newest(model)) != null ? model : null;
    }

    private boolean enoughNewLabels(String model) throws SQLException {
        try {
            return feedback.enoughNewLabels(model);
        } catch (ProblemException unknownOrNotTabular) {
            return false;
        }
    }

    private JobRunView awaitEnd(JobRunView run) throws Exception {
        Instant deadline = Instant.now().plus(settings.timeout());
        while (Instant.now().isBefore(deadline)) {
            JobRunView current = await(() -> jobs.run(run.id()));
            if (current.status().finished()) {
                return current;
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
        return null;
    }

    private Map<String, Object> newestVersion(String model) throws Exception {
        try {
            List<VersionView> versions = await(() -> registry.versions(model, null));
            if (versions.isEmpty()) {
                return Map.of("versions", 0);
            }
            VersionView newest = versions.get(0);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("version", newest.version());
            if (newest.metrics() != null && newest.metrics().get("roc_auc") != null) {
                metrics.put("roc_auc", newest.metrics().get("roc_auc"));
            }
            return metrics;
        } catch (ProblemException noSuchModel) {
            return Map.of("versions", 0);
        }
    }

    /** Service calls need a Vert.x context (Hibernate Reactive); the agent's threads have none of their own. */
    private static <T> T await(Supplier<Uni<T>> step) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(step);
        } catch (Throwable e) {
            if (e instanceof Exception exception) {
                throw exception;
            }
            throw new IllegalStateException(e);
        }
    }
}
