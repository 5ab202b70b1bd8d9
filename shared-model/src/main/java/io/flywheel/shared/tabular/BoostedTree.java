package io.flywheel.shared.tabular;

/**
 * One regression tree of {@link GradientBoostedTrees}, as parallel node arrays in XGBoost's own terms (node 0 is
 * the root; structure rules in {@link TreeShape}). A split sends a row left ("yes") when
 * {@code (float) x[feature] < threshold} in single precision, right otherwise, and a missing value ({@code NaN})
 * to the default child; a leaf holds the value added to its class's margin.
 *
 * @param outputClass the margin this tree adds to: 0 the negative class, 1 the positive class
 * @param feature     per node, the encoded feature a split tests; -1 for a leaf
 * @param threshold   per node, XGBoost's {@code split_condition} (ignored for a leaf; writers put 0)
 * @param left        per node, the child for {@code x < threshold}; -1 for a leaf
 * @param right       per node, the child for {@code x >= threshold}; -1 for a leaf
 * @param defaultLeft per node, whether a missing value goes left (ignored for a leaf)
 * @param value       per node, the leaf value (ignored for a split; writers put 0)
 */
public record BoostedTree(int outputClass, int[] feature, float[] threshold, int[] left, int[] right,
                          boolean[] defaultLeft, float[] value) {

    public BoostedTree {
        if (outputClass != 0 && outputClass != 1) {
            throw new IllegalArgumentException("outputClass must be 0 (negative) or 1 (positive), was " + outputClass);
        }
        ArtifactChecks.requireFinite(threshold, "threshold");
        ArtifactChecks.requireFinite(value, "value");
        ArtifactChecks.requirePresent(defaultLeft, "defaultLeft");
        TreeShape.check("tree", feature, left, right, threshold.length, defaultLeft.length, value.length);
    }

    /** Number of nodes. */
    public int size() {
        return feature.length;
    }
}
