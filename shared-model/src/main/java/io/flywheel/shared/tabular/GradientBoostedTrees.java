package io.flywheel.shared.tabular;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Gradient-boosted trees as XGBoost scores them. Each class margin starts at {@code baseMargin} and adds, in float
 * arithmetic and tree order, the leaf value of each tree of that class. {@code multi:softprob} (what Tribuo's
 * {@code XGBoostClassificationTrainer} uses, two classes, trees alternating) turns the two margins into a softmax;
 * {@code binary:logistic} (an XGBoost model trained directly) has only positive-class trees and takes the sigmoid.
 *
 * @param objective      the XGBoost objective
 * @param baseMargin     the starting margin: XGBoost's {@code base_score} for {@code multi:softprob} (usually 0.5,
 *                       which cancels out), {@code logit(base_score)} for {@code binary:logistic}
 * @param zeroAsMissing  treat an encoded 0 as missing, as XGBoost does for a sparse matrix that left zeros out
 * @param trees          the trees in training order
 */
public record GradientBoostedTrees(Objective objective, float baseMargin, boolean zeroAsMissing, List<BoostedTree> trees)
        implements ModelParameters {

    static final String TYPE = "gradient-boosted-trees";

    /** The XGBoost objectives a binary classifier can be scored with. */
    public enum Objective {
        @JsonProperty("binary:logistic") BINARY_LOGISTIC,
        @JsonProperty("multi:softprob") MULTI_SOFTPROB
    }

    public GradientBoostedTrees {
        ArtifactChecks.requirePresent(objective, "objective");
        if (!Float.isFinite(baseMargin)) {
            throw new IllegalArgumentException("baseMargin must be finite, was " + baseMargin);
        }
        ArtifactChecks.requirePresent(trees, "trees");
        trees = List.copyOf(trees);
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("a boosted model needs at least one tree");
        }
        for (int t = 0; t < trees.size(); t++) {
            if (objective == Objective.BINARY_LOGISTIC && trees.get(t).outputClass() != 1) {
                throw new IllegalArgumentException("trees[" + t + "]: binary:logistic has only positive-class trees "
                        + "(outputClass 1)");
            }
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
        return true;
    }

    @Override
    public Scorer compile() {
        return new BoostedTreesScorer(this);
    }
}
