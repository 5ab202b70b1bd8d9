package io.flywheel.shared.tabular;

import java.util.List;

/**
 * A {@link RandomForest} compiled for speed. Every node takes two longs of one shared array — the feature (-1 for a
 * leaf) in the low half and the index of the left child in the high half, then the bits of the threshold (of the
 * leaf's contribution for a leaf) — laid out breadth-first so the right child follows the left one and a step is
 * {@code child + (x > threshold ? NODE : 0)}. Scoring a row allocates nothing.
 */
final class ForestScorer implements Scorer {

    private static final int NODE = 2;
    private static final long LOW = 0xFFFF_FFFFL;

    private final int[] roots;
    private final double[] treeWeights;
    private final long[] nodes;
    private final double totalWeight;

    ForestScorer(RandomForest forest) {
        List<DecisionTree> trees = forest.trees();
        int total = 0;
        for (DecisionTree tree : trees) {
            total += tree.size();
        }
        roots = new int[trees.size()];
        treeWeights = forest.weights().clone();
        nodes = new long[total * NODE];
        int base = 0;
        double weights = 0;
        for (int t = 0; t < trees.size(); t++) {
            roots[t] = base * NODE;
            lay(forest, trees.get(t), base);
            base += trees.get(t).size();
            weights += treeWeights[t];
        }
        totalWeight = weights;
    }

    private void lay(RandomForest forest, DecisionTree tree, int base) {
        int[] order = TreeLayout.breadthFirst(tree.left(), tree.right());
        int[] position = TreeLayout.positions(order);
        for (int i = 0; i < order.length; i++) {
            int node = order[i];
            int at = (base + i) * NODE;
            if (tree.left()[node] == TreeShape.NONE) {
                nodes[at] = TreeShape.NONE & LOW;
                nodes[at + 1] = Double.doubleToRawLongBits(vote(forest, tree.value()[node]));
            } else {
                long child = (long) (base + position[tree.left()[node]]) * NODE;
                nodes[at] = (child << 32) | tree.feature()[node];
                nodes[at + 1] = Double.doubleToRawLongBits(tree.threshold()[node]);
            }
        }
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
        long[] nodes = this.nodes;
        double positive = 0;
        for (int t = 0; t < roots.length; t++) {
            int at = roots[t];
            long head;
            while ((int) (head = nodes[at]) >= 0) {
                boolean right = x[(int) head] > Double.longBitsToDouble(nodes[at + 1]);
                at = (int) (head >>> 32) + (right ? NODE : 0);
            }
            positive += treeWeights[t] * Double.longBitsToDouble(nodes[at + 1]);
        }
        return positive / totalWeight;
    }
}
