package io.flywheel.shared.tabular;

/**
 * One CART classification tree of a {@link RandomForest}, as parallel node arrays (node 0 is the root; structure
 * rules in {@link TreeShape}). A split sends a row right when {@code x[feature] > threshold} (double precision, as
 * Tribuo's {@code SplitNode}), left otherwise; a leaf holds the probability of the positive class.
 *
 * @param feature   per node, the encoded feature a split tests; -1 for a leaf
 * @param threshold per node, the split value (ignored for a leaf; writers put 0)
 * @param left      per node, the child for {@code x <= threshold}; -1 for a leaf
 * @param right     per node, the child for {@code x > threshold}; -1 for a leaf
 * @param value     per node, for a leaf the positive-class share of its training rows, within [0, 1] (ignored for a
 *                  split; writers put 0)
 */
public record DecisionTree(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {

    public DecisionTree {
        ArtifactChecks.requireFinite(threshold, "threshold");
        ArtifactChecks.requireFinite(value, "value");
        TreeShape.check("tree", feature, left, right, threshold.length, value.length);
        for (int i = 0; i < value.length; i++) {
            if (left[i] == TreeShape.NONE && (value[i] < 0 || value[i] > 1)) {
                throw new IllegalArgumentException("tree, leaf " + i + ": a probability within [0, 1] is needed, was "
                        + value[i]);
            }
        }
    }

    /** Number of nodes. */
    public int size() {
        return feature.length;
    }
}
