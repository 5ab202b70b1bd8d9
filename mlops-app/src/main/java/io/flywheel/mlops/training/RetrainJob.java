package io.flywheel.mlops.training;

import io.flywheel.mlops.data.DatasetService;
import io.flywheel.mlops.data.DatasetSettings;
import io.flywheel.mlops.data.DatasetSnapshot;
import io.flywheel.mlops.data.FeedbackSnapshots;
import io.flywheel.mlops.data.SnapshotSource;
import io.flywheel.mlops.jobs.Job;
import io.flywheel.mlops.jobs.JobContext;
import io.flywheel.mlops.predictions.LiveWindow;
import io.flywheel.mlops.registry.NewVersion;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.Stage;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.mlops.validation.DatasetValidation;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.problem.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * {@code retrain}: the newest snapshot of a dataset → its validation suite (a failure stops here, with the report
 * stored and an alert raised) → every candidate with cross-validation → the best registered as Staging, artifact,
 * metrics and lineage in one transaction. Running it again on the same snapshot registers nothing new.
 */
@ApplicationScoped
public class RetrainJob implements Job {

    public static final String NAME = "retrain";
    /** {@code dataset=feedback:<model>}: train on a fresh snapshot of the model's labelled predictions. */
    public static final String FEEDBACK_PREFIX = "feedback:";
    private static final Logger LOG = Logger.getLogger(RetrainJob.class);

    private final TrainingSettings settings;
    private final DatasetService datasets;
    private final DatasetValidation validation;
    private final RegistryService registry;
    private final RegistryQueries queries;
    private final FeedbackSnapshots feedback;
    private final int feedbackWindowHours;

    public RetrainJob(TrainingSettings settings, DatasetService datasets, DatasetValidation validation,
                      RegistryService registry, RegistryQueries queries, FeedbackSnapshots feedback,
                      DatasetSettings datasetSettings) {
        this.settings = settings;
        this.datasets = datasets;
        this.validation = validation;
        this.registry = registry;
        this.queries = queries;
        this.feedback = feedback;
        this.feedbackWindowHours = datasetSettings.feedback().windowHours();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "train candidates on the newest valid snapshot, register the best as Staging";
    }

    /** Runs nightly at 02:00 UTC, as the Kubernetes CronJob mlops-job-retrain (which replaces the app's own cron there). */
    @Override
    public Optional<String> defaultCron() {
        return Optional.of("0 2 * * *");
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("dataset", "the dataset to train on (default: flywheel.training.dataset, else the newest "
                + "snapshot of any dataset); feedback:<model> snapshots the model's labelled predictions of the last "
                + "flywheel.datasets.feedback.window-hours first and trains on that", "model",
                "the model to register (default: the dataset's name)");
    }

    @Override
    public List<FieldError> validate(Map<String, String> parameters) {
        return parameters.values().stream().anyMatch(String::isBlank)
                ? List.of(new FieldError("parameters", "dataset and model must not be blank")) : List.of();
    }

    @Override
    public Map<String, Object> run(JobContext context) throws SQLException {
        String requested = Optional.ofNullable(context.parameters().get("dataset")).or(settings::dataset).orElse(null);
        String fromFeedback = requested != null && requested.startsWith(FEEDBACK_PREFIX)
                ? requested.substring(FEEDBACK_PREFIX.length()) : null;
        String dataset = fromFeedback == null ? requested : snapshotFeedback(context, fromFeedback);
        DatasetSnapshot newest = context.await(() -> datasets.newest(dataset));
        if (newest == null) {
            throw new IllegalStateException(dataset == null ? "there is no dataset snapshot to train on; upload one "
                    + "with POST /api/datasets" : "dataset '" + dataset + "' has no snapshot");
        }
        String model = context.parameters().getOrDefault("model", fromFeedback != null ? fromFeedback : newest.name);
        context.progress(Map.of("stage", "load", "dataset", newest.name, "snapshot", newest.id, "rows", newest.rowCount));
        DatasetService.Loaded loaded = datasets.load(newest.id);
        context.progress(Map.of("stage", "validate"));
        var report = validation.check(loaded, context.attribution("validation before training"), model);
        context.progress("validation", Map.of("suite", report.suite(), "version", report.suiteVersion(),
                "passed", report.passed(), "failures", report.failures()));
        if (!report.passed()) {
            throw new IllegalStateException("validation failed, nothing was trained: "
                    + DatasetValidation.summary(report));
        }
        TrainingPipeline pipeline = new TrainingPipeline(settings.plan());
        TrainingResult result = pipeline.train(loaded.table(), loaded.schema(), (step, details) -> {
            LOG.infof("job %s: %s", NAME, step);
            Map<String, Object> progress = new LinkedHashMap<>(details);
            progress.put("stage", "train");
            progress.put("step", step);
            context.progress(progress);
        });
        return register(context, model, newest, pipeline.plan(), result);
    }

    /** Snapshots the model's labelled predictions; the dataset it was stored under. */
    private String snapshotFeedback(JobContext context, String model) throws SQLException {
        context.progress(Map.of("stage", "snapshot", "source", SnapshotSource.PREDICTION_FEEDBACK, "model", model));
        DatasetService.Stored stored = feedback.build(model, LiveWindow.ofHours(feedbackWindowHours),
                context.attribution("retrain on feedback").actor());
        context.progress(Map.of("snapshot", stored.view().id(), "created", stored.created()));
        return stored.view().name();
    }

    private Map<String, Object> register(JobContext context, String model, DatasetSnapshot snapshot, TrainingPlan plan,
                                         TrainingResult result) {
        TrainedCandidate best = result.best();
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("model", model);
        outputs.put("snapshot", snapshot.id);
        outputs.put("algorithm", best.report().algorithm());
        outputs.put("roc_auc", best.report().holdout().rocAuc());
        outputs.put("candidates", candidateScores(result));
        List<VersionView> existing = versions(context, model).stream()
                .filter(v -> v.artifact().sha256().equals(best.report().artifactSha256())).toList();
        if (!existing.isEmpty()) {
            outputs.put("version", existing.get(0).version());
            outputs.put("registered", false);
            outputs.put("note", "the same artifact is version " + existing.get(0).version() + " already");
            return outputs;
        }
        context.progress(Map.of("stage", "register", "model", model));
        NewVersion version = NewVersion.of(model, ModelKind.TABULAR_CLASSIFIER, best.artifact())
                .withStage(Stage.STAGING)
                .withMetrics(RegisteredMetrics.of(best.report(), result.trainRows()))
                .withParams(params(snapshot, plan, best))
                .withDetails(details(result))
                .withDataset(snapshot.id)
                .withRun(context.runId())
                .withDescription(best.report().algorithm() + ", the best of " + result.candidates().size()
                        + " candidates by cross-validated " + plan.selection().label());
        VersionView registered = context.await(() -> registry.register(version, context.attribution(
                "retrained on snapshot " + snapshot.id)));
        outputs.put("version", registered.version());
        outputs.put("registered", true);
        return outputs;
    }

    /** The model's versions; none when the model does not exist yet (its first version creates it). */
    private List<VersionView> versions(JobContext context, String model) {
        boolean exists = context.await(() -> queries.models(ModelKind.TABULAR_CLASSIFIER)).stream()
                .anyMatch(view -> view.name().equals(model));
        return exists ? context.await(() -> queries.versions(model, null)) : List.of();
    }

    private static Map<String, Double> candidateScores(TrainingResult result) {
        Map<String, Double> scores = new LinkedHashMap<>();
        result.candidates().forEach(candidate -> scores.put(candidate.report().algorithm(),
                candidate.report().crossValidation().mean(result.selection())));
        return scores;
    }

    /** What the evaluation gate needs to rebuild the held-out rows, and the winner's hyper-parameters. */
    static Map<String, String> params(DatasetSnapshot snapshot, TrainingPlan plan, TrainedCandidate best) {
        Map<String, String> params = new TreeMap<>(best.report().parameters());
        params.put("algorithm", best.report().algorithm());
        params.put("dataset", snapshot.name);
        params.put("seed", Long.toString(plan.seed()));
        params.put("test_fraction", Double.toString(plan.testFraction()));
        params.put("folds", Integer.toString(plan.folds()));
        params.put("selection_metric", plan.selection().label());
        return params;
    }

    private static Map<String, Object> details(TrainingResult result) {
        TrainedCandidate best = result.best();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("confusion", best.report().holdout().confusion());
        details.put("calibration", best.report().holdout().calibration());
        details.put("feature_importance", best.report().importance());
        details.put("cross_validation", best.report().crossValidation());
        details.put("candidates", result.candidates().stream().map(TrainedCandidate::report).toList());
        details.put("rows", Map.of("snapshot", result.rows(), "train", result.trainRows(),
                "holdout", result.holdoutRows()));
        return details;
    }
}
