package io.flywheel.mlops.training;

import java.util.Map;
import java.util.TreeMap;

/**
 * A random forest by XGBoost's random-forest mode: one round of {@code trees} trees grown in parallel, each on a
 * bootstrap-sized share of the rows and a share of the features at every split, with learning rate 1 so that the
 * forest's output is the average of its trees (XGBoost divides each tree's step by the forest size). Features are
 * raw and imputed, as for any forest. Why not Tribuo's CART forest: see docs/training.md (it took minutes per tree
 * at 50k rows).
 *
 * @param trees           trees in the forest
 * @param maxDepth        deepest split
 * @param minChildWeight  smallest hessian sum a child may hold
 * @param rowFraction     share of rows each tree samples
 * @param featureFraction share of features each split considers
 * @param threads         XGBoost's threads per model
 */
public record RandomForestCandidate(int trees, int maxDepth, double minChildWeight, double rowFraction,
                                    double featureFraction, int threads) implements XGBoostTrees.Candidate {

    @Override
    public Algorithm algorithm() {
        return Algorithm.RANDOM_FOREST;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("trees", Integer.toString(trees));
        parameters.put("maxDepth", Integer.toString(maxDepth));
        parameters.put("minChildWeight", Double.toString(minChildWeight));
        parameters.put("rowFraction", Double.toString(rowFraction));
        parameters.put("featureFraction", Double.toString(featureFraction));
        return parameters;
    }

    @Override
    public FittedModel fit(EncodedRows rows, long seed) {
        return XGBoostTrees.fit(rows, Map.of("booster", "gbtree", "eta", 1.0, "num_parallel_tree", trees,
                "max_depth", maxDepth, "min_child_weight", minChildWeight, "subsample", rowFraction,
                "colsample_bynode", featureFraction, "nthread", threads), 1, seed);
    }
}
