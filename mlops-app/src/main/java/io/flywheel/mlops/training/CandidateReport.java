package io.flywheel.mlops.training;

import io.flywheel.shared.evaluation.ClassificationMetrics;
import java.util.List;
import java.util.Map;

/**
 * What one candidate achieved: cross-validated on the training part, then trained on all of it and measured on the
 * held-out part at the threshold chosen out of fold.
 *
 * @param algorithm       the algorithm's stable name
 * @param parameters      its hyper-parameters
 * @param crossValidation per-fold metrics and the chosen threshold
 * @param holdout         every figure on the held-out rows, scored through the exported artifact
 * @param importance      permutation importance per feature, largest first
 * @param artifactSha256  sha256 of the exported artifact
 * @param artifactBytes   size of the exported artifact
 */
public record CandidateReport(String algorithm, Map<String, String> parameters, CrossValidation crossValidation,
                              ClassificationMetrics holdout, List<FeatureImportance> importance,
                              String artifactSha256, long artifactBytes) {

    public CandidateReport {
        parameters = Map.copyOf(parameters);
        importance = List.copyOf(importance);
    }
}
