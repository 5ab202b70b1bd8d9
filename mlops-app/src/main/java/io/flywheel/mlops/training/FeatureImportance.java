package io.flywheel.mlops.training;

/**
 * How much the model relies on one raw feature: the drop of held-out ROC AUC when that feature's values are
 * shuffled among the rows (permutation importance), so it is comparable across algorithms.
 *
 * @param feature    the schema feature
 * @param importance AUC without shuffling minus AUC with this feature shuffled (near 0 or below: unused)
 */
public record FeatureImportance(String feature, double importance) {
}
