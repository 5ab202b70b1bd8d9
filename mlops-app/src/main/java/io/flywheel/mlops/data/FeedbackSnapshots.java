package io.flywheel.mlops.data;

import io.flywheel.mlops.persistence.Awaited;
import io.flywheel.mlops.predictions.LiveWindow;
import io.flywheel.mlops.predictions.PredictionLog;
import io.flywheel.mlops.registry.ModelView;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loop's snapshot source: the prediction log joined with feedback for a model over a window, expanded with the
 * feature schema of the model's version (Production, else its newest), stored through {@link DatasetService#store}
 * like an upload — same sha256 identity, validation suite and immutability. The snapshot belongs to the dataset the
 * version was trained on (its {@code dataset} param, else the model's name), so that {@code retrain} on that dataset
 * takes it as the newest snapshot and the dataset's validation suite checks it. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class FeedbackSnapshots {

    private final DatasetService datasets;
    private final DatasetSettings.FeedbackSettings settings;
    private final PredictionLog log;
    private final RegistryService registry;
    private final RegistryQueries queries;

    public FeedbackSnapshots(DatasetService datasets, DatasetSettings settings, PredictionLog log,
                             RegistryService registry, RegistryQueries queries) {
        this.datasets = datasets;
        this.settings = settings.feedback();
        this.log = log;
        this.registry = registry;
        this.queries = queries;
    }

    /**
     * Labels the model's predictions received since its dataset's last snapshot from log ⨝ feedback (since ever when
     * there is none): what the scheduled cycle compares with {@link #minNewLabels()} before retraining.
     */
    public long newLabels(String model) throws SQLException {
        VersionView version = schemaVersion(model);
        DatasetSnapshot last = Awaited.result(() -> Panache.withSession(() -> DatasetSnapshot.<DatasetSnapshot>find(
                "name = ?1 and source = ?2 order by createdAt desc", dataset(version),
                SnapshotSource.PREDICTION_FEEDBACK).firstResult()));
        return log.exists() ? log.newLabelsSince(model, last == null ? Instant.EPOCH : last.createdAt.toInstant()) : 0;
    }

    /** {@code flywheel.datasets.feedback.min-new-labels}. */
    public int minNewLabels() {
        return settings.minNewLabels();
    }

    /** Whether enough new labels arrived for a snapshot worth retraining on. */
    public boolean enoughNewLabels(String model) throws SQLException {
        return newLabels(model) >= settings.minNewLabels();
    }

    /** Builds and stores the snapshot of the model's labelled predictions in the window; 422 when there are none. */
    public DatasetService.Stored build(String model, LiveWindow window, String actor) throws SQLException {
        VersionView version = schemaVersion(model);
        FeatureSchema schema = ArtifactCodec.read(Awaited.result(() -> registry.artifact(model, version.version()))
                .bytes()).schema();
        LabelledRows rows = new LabelledRows(schema, settings.maxRows());
        if (log.exists()) {
            log.scan(new PredictionLog.Scan(model, schema, window, settings.fetchSize(),
                    (int) settings.queryTimeout().toSeconds()), rows);
        }
        if (rows.rows() == 0) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "no prediction of '" + model + "' in the " + window
                    + " has received a label through POST /v1/feedback: there is nothing to snapshot");
        }
        Table table = rows.table();
        FeatureSchema labelled = inferSchema(table, schema);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("model", model);
        details.put("schema_version", Integer.toString(version.version()));
        window.describe().forEach((key, value) -> details.put("window_" + key, Integer.toString(value)));
        details.put("taken_at", Instant.now().toString());
        return datasets.store(table, labelled, dataset(version),
                new SnapshotSource(SnapshotSource.PREDICTION_FEEDBACK, details), actor);
    }

    /** The schema of the rows as they are; both classes must be present, as in any training data. */
    private static FeatureSchema inferSchema(Table table, FeatureSchema model) {
        try {
            return FeatureSchema.infer(table, model.label(), model.positiveClass());
        } catch (IllegalArgumentException | ProblemException e) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "the labelled predictions do not make a "
                    + "training set: " + e.getMessage());
        }
    }

    /** The version whose schema shapes the rows: Production, else the newest; 404 unknown model, 409 no version. */
    private VersionView schemaVersion(String model) {
        ModelView view = Awaited.result(() -> queries.model(model));
        if (view.kind() != ModelKind.TABULAR_CLASSIFIER) {
            throw new ProblemException(ProblemType.CONFLICT, "snapshots from feedback are made for tabular-classifier "
                    + "models; '" + model + "' is a " + view.kind().label());
        }
        Integer number = view.productionVersion() != null ? view.productionVersion() : view.latestVersion();
        if (number == null) {
            throw new ProblemException(ProblemType.CONFLICT, "model '" + model + "' has no version yet, so its "
                    + "features are unknown");
        }
        return Awaited.result(() -> queries.version(model, number));
    }

    private static String dataset(VersionView version) {
        return version.params() != null && version.params().containsKey("dataset") ? version.params().get("dataset")
                : version.model();
    }
}
