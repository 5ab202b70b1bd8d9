package io.flywheel.shared.tabular;

import java.util.List;

/**
 * {@link GradientBoostedTrees} with all trees flattened into shared primitive arrays. Follows XGBoost's arithmetic:
 * inputs and thresholds in float, margins summed in float in tree order, the link computed in float; a missing
 * input goes to the node's default child, which is precomputed so the walk has a single branch per node.
 */
final class BoostedTreesScorer implements Scorer {

    private final boolean softmax;
    private final boolean zeroAsMissing;
    private final float baseMargin;
    private final int[] roots;
    private final boolean[] positiveTree;
    private final int[] feature;
    private final float[] threshold;
    private final int[] left;
    private final int[] right;
    private final int[] missing;
    private final float[] leafValue;

    BoostedTreesScorer(GradientBoostedTrees model) {
        softmax = model.objective() == GradientBoostedTrees.Objective.MULTI_SOFTPROB;
        zeroAsMissing = model.zeroAsMissing();
        baseMargin = model.baseMargin();
        List<BoostedTree> trees = model.trees();
        int nodes = 0;
        for (BoostedTree tree : trees) {
            nodes += tree.size();
        }
        roots = new int[trees.size()];
        positiveTree = new boolean[trees.size()];
        feature = new int[nodes];
        threshold = new float[nodes];
        left = new int[nodes];
        right = new int[nodes];
        missing = new int[nodes];
        leafValue = new float[nodes];
        int base = 0;
        for (int t = 0; t < trees.size(); t++) {
            BoostedTree tree = trees.get(t);
            roots[t] = base;
            positiveTree[t] = tree.outputClass() == 1;
            for (int i = 0; i < tree.size(); i++) {
                boolean leaf = tree.left()[i] == TreeShape.NONE;
                feature[base + i] = tree.feature()[i];
                threshold[base + i] = tree.threshold()[i];
                left[base + i] = leaf ? TreeShape.NONE : base + tree.left()[i];
                right[base + i] = leaf ? TreeShape.NONE : base + tree.right()[i];
                missing[base + i] = tree.defaultLeft()[i] ? left[base + i] : right[base + i];
                leafValue[base + i] = leaf ? tree.value()[i] : 0;
            }
            base += tree.size();
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
        float negative = baseMargin;
        float positive = baseMargin;
        for (int t = 0; t < roots.length; t++) {
            int node = roots[t];
            while (feature[node] >= 0) {
                float value = x[feature[node]];
                if (value != value) {
                    node = missing[node];
                } else {
                    node = value < threshold[node] ? left[node] : right[node];
                }
            }
            if (positiveTree[t]) {
                positive += leafValue[node];
            } else {
                negative += leafValue[node];
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
