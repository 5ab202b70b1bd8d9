package io.flywheel.mlops.training;

import java.util.Map;
import java.util.TreeMap;

/**
 * Gradient-boosted trees by XGBoost: {@code trees} rounds of depth-limited trees, each sampling rows and features, on
 * raw features with missing values left for the trees' default branches.
 *
 * @param trees           boosting rounds
 * @param eta             learning rate
 * @param maxDepth        deepest split
 * @param minChildWeight  smallest hessian sum a child may hold
 * @param subsample       share of rows each round samples
 * @param featureFraction share of features each tree samples
 * @param threads         XGBoost's threads per model
 */
public record BoostedTreesCandidate(int trees, double eta, int maxDepth, double minChildWeight, double subsample,
                                    double featureFraction, int threads) implements XGBoostTrees.Candidate {

    @Override
    public Algorithm algorithm() {
        return Algorithm.GRADIENT_BOOSTED_TREES;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("trees", Integer.toString(trees));
        parameters.put("eta", Double.toString(eta));
        parameters.put("maxDepth", Integer.toString(maxDepth));
        parameters.put("minChildWeight", Double.toString(minChildWeight));
        parameters.put("subsample", Double.toString(subsample));
        parameters.put("featureFraction", Double.toString(featureFraction));
        return parameters;
    }

    @Override
    public FittedModel fit(EncodedRows rows, long seed) {
        return XGBoostTrees.fit(rows, Map.of("booster", "gbtree", "eta", eta, "max_depth", maxDepth,
                "min_child_weight", minChildWeight, "subsample", subsample, "colsample_bytree", featureFraction,
                "nthread", threads), trees, seed);
    }
}
