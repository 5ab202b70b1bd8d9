package io.flywheel.shared.tabular;

import java.util.List;

/**
 * {@link GradientBoostedTrees} compiled for speed. Every node takes three ints of one shared array — the feature
 * (-1 for a leaf), the float bits of the threshold (of the leaf value for a leaf), and the index of the left child
 * with the "missing goes right" flag in the sign bit — laid out breadth-first so the right child follows the left one
 * and a step is {@code child + (right ? NODE : 0)}. The arithmetic is XGBoost's: inputs and thresholds in float, margins
 * summed in float in tree order, the link in float.
 */
final class BoostedTreesScorer implements Scorer {

    private static final int NODE = 3;
    private static final int MISSING_GOES_RIGHT = 0x8000_0000;
    private static final int CHILD = 0x7FFF_FFFF;

    private final boolean softmax;
    private final boolean zeroAsMissing;
    private final float baseMargin;
    private final int[] roots;
    private final boolean[] positiveTree;
    private final int[] nodes;

    BoostedTreesScorer(GradientBoostedTrees model) {
        softmax = model.objective() == GradientBoostedTrees.Objective.MULTI_SOFTPROB;
        zeroAsMissing = model.zeroAsMissing();
        baseMargin = model.baseMargin();
        List<BoostedTree> trees = model.trees();
        int total = 0;
        for (BoostedTree tree : trees) {
            total += tree.size();
        }
        roots = new int[trees.size()];
        positiveTree = new boolean[trees.size()];
        nodes = new int[total * NODE];
        int base = 0;
        for (int t = 0; t < trees.size(); t++) {
            BoostedTree tree = trees.get(t);
            roots[t] = base * NODE;
            positiveTree[t] = tree.outputClass() == 1;
            lay(tree, base);
            base += tree.size();
        }
    }

    private void lay(BoostedTree tree, int base) {
        int[] order = TreeLayout.breadthFirst(tree.left(), tree.right());
        int[] position = TreeLayout.positions(order);
        for (int i = 0; i < order.length; i++) {
            int node = order[i];
            int at = (base + i) * NODE;
            boolean leaf = tree.left()[node] == TreeShape.NONE;
            nodes[at] = leaf ? TreeShape.NONE : tree.feature()[node];
            nodes[at + 1] = Float.floatToRawIntBits(leaf ? tree.value()[node] : tree.threshold()[node]);
            if (!leaf) {
                int child = (base + position[tree.left()[node]]) * NODE;
                nodes[at + 2] = tree.defaultLeft()[node] ? child : child | MISSING_GOES_RIGHT;
            }
        }
    }

    @Override
    public double score(TabularModel.Scratch scratch) {
        float[] x = scratch.encodedAsFloat;
        double[] encoded = scratch.encoded;
        for (int j = 0; j < x.length; j++) {
            float value = (float) encoded[j];
            x[j] = zeroAsMissing && value == 0 ? Float.NaN : value;
        }
        int[] nodes = this.nodes;
        float negative = baseMargin;
        float positive = baseMargin;
        for (int t = 0; t < roots.length; t++) {
            int at = roots[t];
            int feature;
            while ((feature = nodes[at]) >= 0) {
                float value = x[feature];
                int link = nodes[at + 2];
                boolean right = value != value ? link < 0 : !(value < Float.intBitsToFloat(nodes[at + 1]));
                at = (link & CHILD) + (right ? NODE : 0);
            }
            if (positiveTree[t]) {
                positive += Float.intBitsToFloat(nodes[at + 1]);
            } else {
                negative += Float.intBitsToFloat(nodes[at + 1]);
            }
        }
        return softmax ? softmaxOfPositive(negative, positive) : sigmoid(positive);
    }

    /** XGBoost's {@code common::Softmax}: exponentials in float after subtracting the maximum, normalised. */
    private static double softmaxOfPositive(float negative, float positive) {
        float max = Math.max(negative, positive);
        float expNegative = (float) Math.exp(negative - max);
        float expPositive = (float) Math.exp(positive - max);
        return expPositive / (expNegative + expPositive);
    }

    /** XGBoost's {@code common::Sigmoid}: {@code 1 / (1 + exp(-x))} in float. */
    private static double sigmoid(float margin) {
        return 1.0f / (1.0f + (float) Math.exp(-margin));
    }
}
