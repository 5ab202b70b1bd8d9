package io.flywheel.mlops.registry;

import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules names, metrics, parameters and lineage of the registry follow; each breach names its field. */
final class RegistryValidation {

    /** Model names appear in URLs and as metric tags in inference pods (same rule there). */
    static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** Aliases start with a letter, so that they never read as a version number. */
    static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    /** Metric and parameter keys: MLflow's rule, so that keys copied from MLflow runs fit. */
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-/ ]{1,250}");
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String NAME_RULE = "1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit";
    private static final String KEY_RULE = "keys are 1 to 250 letters, digits, spaces, '_', '-', '.' or '/'";
    /** MLflow's limit for a parameter value. */
    static final int MAX_PARAM_VALUE = 6000;
    static final int MAX_ENTRIES = 1000;
    static final int MAX_TEXT = 5000;

    private RegistryValidation() {
    }

    static void checkNewModel(NewModel model) {
        if (model == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a JSON body with name and kind is required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (model.name() == null || !MODEL_NAME.matcher(model.name()).matches()) {
            errors.add(new FieldError("name", NAME_RULE));
        }
        if (model.kind() == null) {
            errors.add(new FieldError("kind", "must be one of " + ModelKind.labels()));
        }
        text("description", model.description(), errors);
        throwIfAny(errors);
    }

    static void checkNewVersion(NewVersion version) {
        List<FieldError> errors = new ArrayList<>();
        if (version.model() == null || !MODEL_NAME.matcher(version.model()).matches()) {
            errors.add(new FieldError("model", NAME_RULE));
        }
        if (version.artifact() == null || version.artifact().length == 0) {
            errors.add(new FieldError("artifact", "the artifact is empty"));
        }
        metrics(version.metrics(), errors);
        params(version.params(), errors);
        if (version.datasetSha256() != null && !SHA256.matcher(version.datasetSha256()).matches()) {
            errors.add(new FieldError("dataset_sha256", "must be 64 lower-case hex digits (a snapshot's sha256)"));
        }
        if (version.codeVersion() != null && (version.codeVersion().isBlank() || version.codeVersion().length() > 250)) {
            errors.add(new FieldError("code_version", "1 to 250 characters"));
        }
        if (version.parentVersion() != null && version.parentVersion() < 1) {
            errors.add(new FieldError("parent_version", "must be a version number (1 or more)"));
        }
        if (version.stage() != Stage.NONE && version.stage() != Stage.STAGING) {
            errors.add(new FieldError("stage", "a new version starts in None or Staging; Production comes after a "
                    + "passed evaluation"));
        }
        text("description", version.description(), errors);
        throwIfAny(errors);
    }

    static void checkAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw invalid(List.of(new FieldError("alias", "1 to 64 lower-case letters, digits, '_' or '-', starting "
                    + "with a letter")));
        }
    }

    /** A 413 when an artifact is larger than {@code flywheel.registry.max-artifact-size}. */
    static void checkArtifactSize(long bytes, long max) {
        if (bytes > max) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the artifact has " + bytes
                    + " bytes; flywheel.registry.max-artifact-size allows " + max);
        }
    }

    static void checkReason(String reason) {
        List<FieldError> errors = new ArrayList<>();
        text("reason", reason, errors);
        throwIfAny(errors);
    }

    private static void metrics(Map<String, Double> metrics, List<FieldError> errors) {
        if (metrics.size() > MAX_ENTRIES) {
            errors.add(new FieldError("metrics", "at most " + MAX_ENTRIES + " metrics"));
        }
        metrics.forEach((key, value) -> {
            if (key == null || !KEY.matcher(key).matches()) {
                errors.add(new FieldError("metrics." + key, KEY_RULE));
            } else if (value == null || !Double.isFinite(value)) {
                errors.add(new FieldError("metrics." + key, "must be a finite number"));
            }
        });
    }

    private static void params(Map<String, String> params, List<FieldError> errors) {
        if (params.size() > MAX_ENTRIES) {
            errors.add(new FieldError("params", "at most " + MAX_ENTRIES + " parameters"));
        }
        params.forEach((key, value) -> {
            if (key == null || !KEY.matcher(key).matches()) {
                errors.add(new FieldError("params." + key, KEY_RULE));
            } else if (value == null || value.length() > MAX_PARAM_VALUE) {
                errors.add(new FieldError("params." + key, "must be a string of at most " + MAX_PARAM_VALUE
                        + " characters"));
            }
        });
    }

    private static void text(String field, String value, List<FieldError> errors) {
        if (value != null && value.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "at most " + MAX_TEXT + " characters"));
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    private static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(ProblemType.INVALID_REQUEST, errors.size() + " field(s) are invalid", errors);
    }
}
