package io.flywheel.mlops.batch;

import io.flywheel.mlops.data.DatasetService;
import io.flywheel.mlops.data.DatasetSnapshot;
import io.flywheel.mlops.jobs.Job;
import io.flywheel.mlops.jobs.JobContext;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.FeatureBatch;
import io.flywheel.shared.tabular.TabularModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code batch-score}: scores a dataset snapshot with a model's Production version, in process, with the same scorer
 * the artifact defines for inference pods (shared-model's {@link TabularModel}), and stores every prediction with the
 * version that made it ({@code mlops.batch_prediction}, read with {@code GET /api/batch/predictions}). Without
 * parameters it scores, for every tabular model in Production, the newest snapshot of the dataset its version was
 * trained on.
 */
@ApplicationScoped
public class BatchScoreJob implements Job {

    public static final String NAME = "batch-score";

    private final DatasetService datasets;
    private final RegistryService registry;
    private final RegistryQueries queries;
    private final BatchPredictions predictions;

    public BatchScoreJob(DatasetService datasets, RegistryService registry, RegistryQueries queries,
                         BatchPredictions predictions) {
        this.datasets = datasets;
        this.registry = registry;
        this.queries = queries;
        this.predictions = predictions;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "score a dataset snapshot with the Production version, store the predictions with their version";
    }

    /** Nightly at 01:00 UTC, as the Kubernetes CronJob mlops-job-batch-score (which replaces the app's cron there). */
    @Override
    public Optional<String> defaultCron() {
        return Optional.of("0 1 * * *");
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("model", "score with this model's Production version (default: every tabular model in "
                + "Production)",
                "snapshot", "the snapshot id to score (default: the newest snapshot of the dataset the version was "
                        + "trained on)");
    }

    @Override
    public List<FieldError> validate(Map<String, String> parameters) {
        List<FieldError> errors = new ArrayList<>();
        if (parameters.containsKey("snapshot") && !parameters.containsKey("model")) {
            errors.add(new FieldError("parameters.snapshot", "needs parameters.model"));
        }
        parameters.forEach((key, value) -> {
            if (value.isBlank()) {
                errors.add(new FieldError("parameters." + key, "must not be blank"));
            }
        });
        return errors;
    }

    @Override
    public Map<String, Object> run(JobContext context) throws Exception {
        List<Map<String, Object>> scored = new ArrayList<>();
        List<String> models = context.await(() -> queries.inProduction(ModelKind.TABULAR_CLASSIFIER,
                context.parameters().get("model")));
        for (String model : models) {
            if (context.stopping()) {
                break;
            }
            scored.add(score(context, model));
        }
        return Map.of("models", scored.size(), "scored", scored);
    }

    private Map<String, Object> score(JobContext context, String model) throws Exception {
        VersionView production = context.await(() -> registry.production(model)).orElseThrow(() ->
                new ProblemException(ProblemType.CONFLICT, "model '" + model + "' has no Production version"));
        TabularModel scorer = TabularModel.compile(ArtifactCodec.read(context.await(() -> registry.artifact(model,
                production.version())).bytes()));
        String snapshot = snapshot(context, production);
        context.progress(Map.of("model", model, "version", production.version(), "snapshot", snapshot));
        DatasetService.Loaded loaded = datasets.load(snapshot);
        double[] probabilities = scorer.score(FeatureBatch.of(scorer.schema(), loaded.table()));
        predictions.store(context.runId(), model, production.version(), snapshot, probabilities, scorer);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("model", model);
        outcome.put("version", production.version());
        outcome.put("snapshot", snapshot);
        outcome.put("rows", probabilities.length);
        return outcome;
    }

    private String snapshot(JobContext context, VersionView production) {
        String named = context.parameters().get("snapshot");
        if (named != null) {
            return named;
        }
        String dataset = production.params() == null ? null : production.params().get("dataset");
        if (dataset == null) {
            throw new ProblemException(ProblemType.CONFLICT, production.model() + " v" + production.version()
                    + " does not name the dataset it was trained on: give parameters.snapshot");
        }
        DatasetSnapshot newest = context.await(() -> datasets.newest(dataset));
        if (newest == null) {
            throw new ProblemException(ProblemType.CONFLICT, "dataset '" + dataset + "' has no snapshot to score");
        }
        return newest.id.trim();
    }
}
