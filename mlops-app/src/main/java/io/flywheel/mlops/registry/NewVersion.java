package io.flywheel.mlops.registry;

import io.flywheel.shared.deployment.ModelKind;
import java.util.Map;
import java.util.UUID;

/**
 * A version to register: the artifact bytes and everything known about how they were made. Build one with
 * {@link #of} and the {@code with…} methods; only the model, its kind and the artifact are required.
 *
 * @param model         the model's name; the model is created if it does not exist yet
 * @param kind          the model's kind (must match the kind of an existing model)
 * @param artifact      the artifact bytes, checked against the kind's format before anything is stored
 * @param metrics       scalar metrics at registration (AUC, F1, ...), finite numbers
 * @param params        parameters as strings (algorithm, hyper-parameters, seed, ...)
 * @param details       structured results that are not scalar metrics (confusion matrix, reliability bins, feature
 *                      importance, the other candidates); JSON-friendly values, or {@code null}
 * @param datasetSha256 lineage: the sha256 id of the dataset snapshot it was trained or built from, or {@code null}
 * @param codeVersion   lineage: the code that made it; {@code null} records this app's build version
 * @param parentVersion lineage: the version it was derived from (e.g. the Production it was trained to replace), or
 *                      {@code null}
 * @param runId         lineage: the job run that made it, or {@code null}
 * @param description   free text, or {@code null}
 * @param stage         {@link Stage#NONE} (default) or {@link Stage#STAGING}
 */
public record NewVersion(String model, ModelKind kind, byte[] artifact, Map<String, Double> metrics,
                         Map<String, String> params, Map<String, Object> details, String datasetSha256,
                         String codeVersion, Integer parentVersion, UUID runId, String description, Stage stage) {

    public NewVersion {
        metrics = metrics == null ? Map.of() : metrics;
        params = params == null ? Map.of() : params;
        stage = stage == null ? Stage.NONE : stage;
    }

    /** A version of the given model and kind with these artifact bytes and nothing else yet. */
    public static NewVersion of(String model, ModelKind kind, byte[] artifact) {
        return new NewVersion(model, kind, artifact, null, null, null, null, null, null, null, null, null);
    }

    public NewVersion withMetrics(Map<String, Double> values) {
        return new NewVersion(model, kind, artifact, values, params, details, datasetSha256, codeVersion,
                parentVersion, runId, description, stage);
    }

    public NewVersion withParams(Map<String, String> values) {
        return new NewVersion(model, kind, artifact, metrics, values, details, datasetSha256, codeVersion,
                parentVersion, runId, description, stage);
    }

    public NewVersion withDetails(Map<String, Object> values) {
        return new NewVersion(model, kind, artifact, metrics, params, values, datasetSha256, codeVersion,
                parentVersion, runId, description, stage);
    }

    public NewVersion withDataset(String sha256) {
        return new NewVersion(model, kind, artifact, metrics, params, details, sha256, codeVersion, parentVersion,
                runId, description, stage);
    }

    public NewVersion withCodeVersion(String code) {
        return new NewVersion(model, kind, artifact, metrics, params, details, datasetSha256, code, parentVersion,
                runId, description, stage);
    }

    public NewVersion withParent(Integer version) {
        return new NewVersion(model, kind, artifact, metrics, params, details, datasetSha256, codeVersion, version,
                runId, description, stage);
    }

    public NewVersion withRun(UUID run) {
        return new NewVersion(model, kind, artifact, metrics, params, details, datasetSha256, codeVersion,
                parentVersion, run, description, stage);
    }

    public NewVersion withDescription(String text) {
        return new NewVersion(model, kind, artifact, metrics, params, details, datasetSha256, codeVersion,
                parentVersion, runId, text, stage);
    }

    public NewVersion withStage(Stage initial) {
        return new NewVersion(model, kind, artifact, metrics, params, details, datasetSha256, codeVersion,
                parentVersion, runId, description, initial);
    }
}
