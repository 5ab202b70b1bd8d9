package io.flywheel.mlops.evaluation;

import io.flywheel.mlops.data.DatasetService;
import io.flywheel.mlops.golden.KnowledgeEvaluation;
import io.flywheel.mlops.jobs.Job;
import io.flywheel.mlops.jobs.JobContext;
import io.flywheel.mlops.registry.EvaluationVerdict;
import io.flywheel.mlops.registry.ModelView;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.Stage;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.mlops.training.HoldoutPartition;
import io.flywheel.mlops.training.RegisteredMetrics;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.evaluation.ClassificationMetrics;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.FeatureBatch;
import io.flywheel.shared.tabular.TabularModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code evaluate}: the quality gates of Staging candidates. Each candidate and the current Production are scored on
 * the same rows — the candidate's held-out rows, rebuilt from its snapshot, seed and test fraction, so the candidate
 * never saw them — and {@link EvaluationGate} decides (rag-index and assistant-config versions: the golden set and
 * {@link KnowledgeEvaluation}); the verdict with its numbers is recorded on the version through
 * the registry, where only a pass allows promotion. Without parameters it judges the newest Staging version of every
 * model that has no verdict yet; {@code model} and {@code version} judge one version (again).
 */
@ApplicationScoped
public class EvaluateJob implements Job {

    public static final String NAME = "evaluate";
    private static final Logger LOG = Logger.getLogger(EvaluateJob.class);
    /** Bins of the reliability diagram the gate's calibration figure (ECE) is measured on. */
    private static final int CALIBRATION_BINS = ClassificationMetrics.DEFAULT_CALIBRATION_BINS;

    private final EvaluationGate gate;
    private final DatasetService datasets;
    private final RegistryService registry;
    private final RegistryQueries queries;
    private final KnowledgeEvaluation knowledge;

    public EvaluateJob(EvaluationSettings settings, DatasetService datasets, RegistryService registry,
                       RegistryQueries queries, KnowledgeEvaluation knowledge) {
        this.gate = new EvaluationGate(settings);
        this.knowledge = knowledge;
        this.datasets = datasets;
        this.registry = registry;
        this.queries = queries;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "quality gates of Staging candidates against Production";
    }

    /** Runs nightly at 03:30 UTC, after retrain, as the Kubernetes CronJob mlops-job-evaluate (which replaces the app's own cron there). */
    @Override
    public Optional<String> defaultCron() {
        return Optional.of("30 3 * * *");
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("model", "judge this model's newest Staging version (default: every model)",
                "version", "judge this version of the model (needs model)");
    }

    @Override
    public List<FieldError> validate(Map<String, String> parameters) {
        List<FieldError> errors = new ArrayList<>();
        String version = parameters.get("version");
        if (version != null && !parameters.containsKey("model")) {
            errors.add(new FieldError("parameters.version", "needs parameters.model"));
        }
        if (version != null && !version.matches("[1-9][0-9]{0,8}")) {
            errors.add(new FieldError("parameters.version", "must be a version number"));
        }
        return errors;
    }

    @Override
    public Map<String, Object> run(JobContext context) {
        List<VersionView> targets = targets(context);
        List<Map<String, Object>> verdicts = new ArrayList<>();
        for (VersionView candidate : targets) {
            context.progress(Map.of("model", candidate.model(), "version", candidate.version()));
            EvaluationVerdict verdict = judgeOrRefuse(context, candidate);
            context.await(() -> registry.recordEvaluation(candidate.model(), candidate.version(), verdict,
                    context.attribution("quality gates")));
            LOG.infof("job %s: %s v%d: %s", NAME, candidate.model(), candidate.version(), verdict.summary());
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("model", candidate.model());
            outcome.put("version", candidate.version());
            outcome.put("passed", verdict.passed());
            outcome.put("summary", verdict.summary());
            verdicts.add(outcome);
        }
        return Map.of("evaluated", verdicts.size(), "verdicts", verdicts);
    }

    private List<VersionView> targets(JobContext context) {
        String model = context.parameters().get("model");
        String version = context.parameters().get("version");
        if (model != null && version != null) {
            return List.of(context.await(() -> queries.version(model, Integer.parseInt(version))));
        }
        List<String> models = model != null ? List.of(model) : context.await(
                () -> queries.models(null)).stream().map(ModelView::name).toList();
        List<VersionView> targets = new ArrayList<>();
        for (String name : models) {
            List<VersionView> staging = context.await(() -> queries.versions(name, Stage.STAGING));
            staging.stream().findFirst().filter(newest -> model != null || newest.evaluation() == null)
                    .ifPresent(targets::add);
        }
        return targets;
    }

    /**
     * The gates' verdict; a version the gates cannot judge (e.g. uploaded without the snapshot it was trained on)
     * fails with the reason, so it is recorded and cannot be promoted, and the other models are still judged.
     */
    private EvaluationVerdict judgeOrRefuse(JobContext context, VersionView candidate) {
        try {
            return candidate.kind() == ModelKind.TABULAR_CLASSIFIER ? judge(context, candidate)
                    : knowledge.judge(context, candidate);
        } catch (IllegalStateException | IllegalArgumentException | ProblemException e) {
            LOG.warnf("job %s: %s v%d cannot be evaluated: %s", NAME, candidate.model(), candidate.version(),
                    e.getMessage());
            return new EvaluationVerdict(false, "cannot be evaluated: " + e.getMessage() + ": fail", null,
                    Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private EvaluationVerdict judge(JobContext context, VersionView candidate) {
        HoldoutPartition rows = heldOutRows(candidate);
        Map<String, Double> candidateMetrics = metrics(artifact(context, candidate.model(), candidate.version()), rows);
        Optional<VersionView> production = context.await(() -> registry.production(candidate.model()))
                .filter(current -> current.version() != candidate.version());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("held_out_rows", rows.test().rowCount());
        details.put("dataset_sha256", candidate.lineage().datasetSha256());
        details.put("candidate", candidateMetrics);
        Map<String, Double> productionMetrics = null;
        if (production.isPresent()) {
            try {
                productionMetrics = metrics(artifact(context, candidate.model(), production.get().version()), rows);
            } catch (ProblemException | IllegalArgumentException e) {
                String reason = "Production v" + production.get().version() + " cannot be scored on the candidate's "
                        + "held-out rows: " + e.getMessage();
                details.put("comparison", reason);
                return new EvaluationVerdict(false, reason + ": fail", production.get().version(), details);
            }
            details.put("production", productionMetrics);
        }
        GateResult result = gate.judge(candidateMetrics, productionMetrics);
        details.put("gates", result.checks());
        return new EvaluationVerdict(result.passed(), result.summary(),
                production.map(VersionView::version).orElse(null), details);
    }

    /** The rows the candidate never saw: its snapshot, split again with its own seed and test fraction. */
    private HoldoutPartition heldOutRows(VersionView candidate) {
        String snapshot = candidate.lineage().datasetSha256();
        Map<String, String> params = candidate.params();
        if (snapshot == null || !params.containsKey("seed") || !params.containsKey("test_fraction")) {
            throw new IllegalStateException(candidate.model() + " v" + candidate.version() + " does not say which "
                    + "snapshot, seed and test fraction it was trained with, so its held-out rows are unknown");
        }
        DatasetService.Loaded loaded = datasets.load(snapshot);
        return HoldoutPartition.of(loaded.table(), loaded.schema(), Double.parseDouble(params.get("test_fraction")),
                Long.parseLong(params.get("seed")));
    }

    private TabularModel artifact(JobContext context, String model, int version) {
        byte[] bytes = context.await(() -> registry.artifact(model, version)).bytes();
        return TabularModel.compile(ArtifactCodec.read(bytes));
    }

    /** A model's held-out metrics at its own threshold, under the registry's names. */
    private static Map<String, Double> metrics(TabularModel model, HoldoutPartition rows) {
        double[] scores = model.score(FeatureBatch.of(model.schema(), rows.test()));
        int[] labels = model.schema().labels(rows.test());
        return RegisteredMetrics.holdout(ClassificationMetrics.of(labels, scores, model.threshold(), CALIBRATION_BINS));
    }
}
