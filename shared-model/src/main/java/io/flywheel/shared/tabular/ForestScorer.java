package io.flywheel.shared.tabular;

import java.util.List;

/** A {@link RandomForest} with all trees flattened into shared primitive arrays; scoring a row allocates nothing. */
final class ForestScorer implements Scorer {

    private final int[] roots;
    private final double[] treeWeights;
    private final int[] feature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final double[] leafVote;
    private final double totalWeight;

    ForestScorer(RandomForest forest) {
        List<DecisionTree> trees = forest.trees();
        int nodes = 0;
        for (DecisionTree tree : trees) {
            nodes += tree.size();
        }
        roots = new int[trees.size()];
        treeWeights = forest.weights().clone();
        feature = new int[nodes];
        threshold = new double[nodes];
        left = new int[nodes];
        right = new int[nodes];
        leafVote = new double[nodes];
        int base = 0;
        for (int t = 0; t < trees.size(); t++) {
            DecisionTree tree = trees.get(t);
            roots[t] = base;
            for (int i = 0; i < tree.size(); i++) {
                boolean leaf = tree.left()[i] == TreeShape.NONE;
                feature[base + i] = tree.feature()[i];
                threshold[base + i] = tree.threshold()[i];
                left[base + i] = leaf ? TreeShape.NONE : base + tree.left()[i];
                right[base + i] = leaf ? TreeShape.NONE : base + tree.right()[i];
                leafVote[base + i] = leaf ? vote(forest, tree.value()[i]) : 0;
            }
            base += tree.size();
        }
        double total = 0;
        for (double weight : treeWeights) {
            total += weight;
        }
        totalWeight = total;
    }

    /** What a leaf contributes: its positive share when averaging, 1 or 0 when voting. */
    private static double vote(RandomForest forest, double positiveShare) {
        if (forest.combiner() == RandomForest.Combiner.AVERAGE) {
            return positiveShare;
        }
        boolean positive = positiveShare > 0.5 || (positiveShare == 0.5 && forest.positiveWinsTies());
        return positive ? 1 : 0;
    }

    @Override
    public double score(TabularModel.Scratch scratch) {
        double[] x = scratch.encoded;
        double positive = 0;
        for (int t = 0; t < roots.length; t++) {
            int node = roots[t];
            while (feature[node] >= 0) {
                node = x[feature[node]] > threshold[node] ? right[node] : left[node];
            }
            positive += treeWeights[t] * leafVote[node];
        }
        return positive / totalWeight;
    }
}
