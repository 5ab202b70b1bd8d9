package io.flywheel.shared.tabular;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A bagged ensemble of CART trees as Tribuo's {@code RandomForestTrainer} builds it. With {@code average} (Tribuo's
 * {@code FullyWeightedVotingCombiner}) the probability is the weighted mean of the leaves' positive-class shares;
 * with {@code vote} (Tribuo's {@code VotingCombiner}) each tree votes for the class its leaf favours and the
 * probability is the weighted share of positive votes.
 *
 * @param combiner          how tree outputs combine
 * @param positiveWinsTies  with {@code vote}, whether a leaf split exactly 50/50 votes positive (Tribuo: when the
 *                          positive class has the lower label id)
 * @param weights           one non-negative weight per tree (Tribuo: all 1)
 * @param trees             the trees
 */
public record RandomForest(Combiner combiner, boolean positiveWinsTies, double[] weights, List<DecisionTree> trees)
        implements ModelParameters {

    static final String TYPE = "random-forest";

    /** How a forest combines its trees. */
    public enum Combiner {
        @JsonProperty("average") AVERAGE,
        @JsonProperty("vote") VOTE
    }

    public RandomForest {
        ArtifactChecks.requirePresent(combiner, "combiner");
        ArtifactChecks.requireFinite(weights, "weights");
        ArtifactChecks.requirePresent(trees, "trees");
        trees = List.copyOf(trees);
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("a forest needs at least one tree");
        }
        if (weights.length != trees.size()) {
            throw new IllegalArgumentException("weights must have one value per tree (" + trees.size() + "), has "
                    + weights.length);
        }
        double total = 0;
        for (int t = 0; t < weights.length; t++) {
            if (weights[t] < 0) {
                throw new IllegalArgumentException("weights[" + t + "] must not be negative, was " + weights[t]);
            }
            total += weights[t];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the tree weights must not all be zero");
        }
    }

    @Override
    public String algorithm() {
        return TYPE;
    }

    @Override
    public void checkWidth(int encodedWidth) {
        for (int t = 0; t < trees.size(); t++) {
            TreeShape.checkFeatures("model.trees[" + t + "]", trees.get(t).feature(), encodedWidth);
        }
    }

    @Override
    public boolean acceptsMissing() {
        return false;
    }

    @Override
    public Scorer compile() {
        return new ForestScorer(this);
    }
}
