package io.flywheel.shared.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.drift.NumericReference;
import io.flywheel.shared.drift.ReferenceStatistics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each algorithm's arithmetic on hand-built parameters, against values computed by hand. */
class ScorerArithmeticTest {

    private static final FeatureSchema SCHEMA = new FeatureSchema(List.of(Feature.numeric("a"), Feature.numeric("b")),
            "y", List.of("0", "1"), "1");
    private static final FeatureEncoder RAW = new FeatureEncoder(List.of(
            new NumericEncoding("a", 0.0, 0, 1), new NumericEncoding("b", 0.0, 0, 1)));
    private static final FeatureEncoder KEEP_MISSING = new FeatureEncoder(List.of(
            new NumericEncoding("a", null, 0, 1), new NumericEncoding("b", null, 0, 1)));

    @Test
    void logisticRegressionWithOneRowIsTheSigmoidOfTheMargin() {
        TabularModel model = model(RAW, new LogisticRegression(new double[][] {{0.5, -1}}, new double[] {0.25}));

        assertThat(score(model, 2, 1)).isEqualTo(1 / (1 + Math.exp(-(1 - 1 + 0.25))));
    }

    @Test
    void logisticRegressionWithTwoRowsIsTheSoftmaxAndEqualsTheSigmoidOfTheDifference() {
        double[][] weights = {{0.2, 0.7}, {-0.4, 1.3}};
        TabularModel softmax = model(RAW, new LogisticRegression(weights, new double[] {0.1, -0.3}));
        TabularModel sigmoid = model(RAW, new LogisticRegression(new double[][] {{-0.6, 0.6}}, new double[] {-0.4}));

        double negative = 0.2 * 1.5 + 0.7 * -2 + 0.1;
        double positive = -0.4 * 1.5 + 1.3 * -2 - 0.3;
        assertThat(score(softmax, 1.5, -2)).isEqualTo(Math.exp(positive) / (Math.exp(negative) + Math.exp(positive)),
                within(1e-15));
        assertThat(score(softmax, 1.5, -2)).isEqualTo(score(sigmoid, 1.5, -2), within(1e-12));
    }

    @Test
    void logisticRegressionStaysFiniteForHugeMargins() {
        TabularModel model = model(RAW, new LogisticRegression(new double[][] {{0, 0}, {1, 0}}, new double[] {0, 0}));

        assertThat(score(model, 1e6, 0)).isEqualTo(1.0);
        assertThat(score(model, -1e6, 0)).isEqualTo(0.0);
    }

    @Test
    void aForestSplitSendsGreaterValuesRightAndEqualValuesLeft() {
        DecisionTree stump = new DecisionTree(new int[] {0, -1, -1}, new double[] {1.5, 0, 0}, new int[] {1, -1, -1},
                new int[] {2, -1, -1}, new double[] {0, 0.2, 0.9});
        TabularModel model = model(RAW, new RandomForest(RandomForest.Combiner.AVERAGE, false, new double[] {1},
                List.of(stump)));

        assertThat(score(model, 1.5, 0)).isEqualTo(0.2);
        assertThat(score(model, Math.nextUp(1.5), 0)).isEqualTo(0.9);
    }

    @Test
    void aForestAveragesLeafSharesByWeightOrCountsWeightedVotes() {
        List<DecisionTree> leaves = List.of(leaf(0.2), leaf(0.7), leaf(0.5));
        double[] weights = {1, 2, 1};

        assertThat(score(model(RAW, new RandomForest(RandomForest.Combiner.AVERAGE, false, weights, leaves)), 0, 0))
                .isEqualTo((0.2 + 2 * 0.7 + 0.5) / 4, within(1e-15));
        assertThat(score(model(RAW, new RandomForest(RandomForest.Combiner.VOTE, false, weights, leaves)), 0, 0))
                .isEqualTo(2.0 / 4);
        assertThat(score(model(RAW, new RandomForest(RandomForest.Combiner.VOTE, true, weights, leaves)), 0, 0))
                .isEqualTo(3.0 / 4);
    }

    @Test
    void boostedSplitsCompareInFloatSoAValueRoundingOntoTheThresholdGoesRight() {
        float threshold = 0.1f;
        double justBelowInDouble = Math.nextDown((double) threshold);
        TabularModel model = model(KEEP_MISSING, logistic(stump(threshold, true, -1f, 1f)));

        assertThat((float) justBelowInDouble).isEqualTo(threshold);
        assertThat(score(model, justBelowInDouble, 0)).isEqualTo(sigmoidF(1f));
        assertThat(score(model, Math.nextDown(threshold), 0)).isEqualTo(sigmoidF(-1f));
    }

    @Test
    void aMissingValueFollowsTheDefaultBranch() {
        assertThat(score(model(KEEP_MISSING, logistic(stump(0.5f, true, -1f, 1f))), Double.NaN, 0))
                .isEqualTo(sigmoidF(-1f));
        assertThat(score(model(KEEP_MISSING, logistic(stump(0.5f, false, -1f, 1f))), Double.NaN, 0))
                .isEqualTo(sigmoidF(1f));
    }

    @Test
    void zeroAsMissingSendsZerosDownTheDefaultBranchAsASparseMatrixWould() {
        BoostedTree tree = stump(0.5f, false, -1f, 1f);
        GradientBoostedTrees dense = new GradientBoostedTrees(GradientBoostedTrees.Objective.BINARY_LOGISTIC, 0f, false,
                List.of(tree));
        GradientBoostedTrees sparse = new GradientBoostedTrees(GradientBoostedTrees.Objective.BINARY_LOGISTIC, 0f, true,
                List.of(tree));

        assertThat(score(model(KEEP_MISSING, dense), 0, 0)).isEqualTo(sigmoidF(-1f));
        assertThat(score(model(KEEP_MISSING, sparse), 0, 0)).isEqualTo(sigmoidF(1f));
    }

    @Test
    void softprobSumsEachClassMarginInFloatFromTheBaseMarginThenTakesTheSoftmax() {
        List<BoostedTree> trees = List.of(
                constant(0, 0.3f), constant(1, -0.2f), constant(0, 0.1f), constant(1, 0.45f));
        TabularModel model = model(KEEP_MISSING,
                new GradientBoostedTrees(GradientBoostedTrees.Objective.MULTI_SOFTPROB, 0.5f, false, trees));

        float negative = 0.5f + 0.3f + 0.1f;
        float positive = 0.5f - 0.2f + 0.45f;
        double expected = Math.exp(positive) / (Math.exp(negative) + Math.exp(positive));
        assertThat(score(model, 0, 0)).isEqualTo(expected, within(1e-7));
    }

    @Test
    void binaryLogisticIsTheSigmoidOfBaseMarginPlusTrees() {
        TabularModel model = model(KEEP_MISSING, new GradientBoostedTrees(GradientBoostedTrees.Objective.BINARY_LOGISTIC,
                -0.5f, false, List.of(constant(1, 0.25f), constant(1, 1f))));

        assertThat(score(model, 0, 0)).isEqualTo(1 / (1 + Math.exp(-0.75)), within(1e-7));
    }

    private static GradientBoostedTrees logistic(BoostedTree tree) {
        return new GradientBoostedTrees(GradientBoostedTrees.Objective.BINARY_LOGISTIC, 0f, false, List.of(tree));
    }

    private static BoostedTree stump(float threshold, boolean defaultLeft, float leftValue, float rightValue) {
        return new BoostedTree(1, new int[] {0, -1, -1}, new float[] {threshold, 0, 0}, new int[] {1, -1, -1},
                new int[] {2, -1, -1}, new boolean[] {defaultLeft, false, false}, new float[] {0, leftValue, rightValue});
    }

    private static BoostedTree constant(int outputClass, float value) {
        return new BoostedTree(outputClass, new int[] {-1}, new float[] {0}, new int[] {-1}, new int[] {-1},
                new boolean[] {false}, new float[] {value});
    }

    private static DecisionTree leaf(double share) {
        return new DecisionTree(new int[] {-1}, new double[] {0}, new int[] {-1}, new int[] {-1}, new double[] {share});
    }

    private static double sigmoidF(float margin) {
        return 1.0f / (1.0f + (float) Math.exp(-margin));
    }

    private static double score(TabularModel model, double a, double b) {
        return model.scoreRow(Map.of("a", a, "b", b));
    }

    static TabularModel model(FeatureEncoder encoder, ModelParameters parameters) {
        NumericReference flat = new NumericReference("a", new double[0], new double[] {1}, 0, 0, 0);
        ReferenceStatistics reference = new ReferenceStatistics(1,
                List.of(flat, new NumericReference("b", new double[0], new double[] {1}, 0, 0, 0)),
                new NumericReference(ReferenceStatistics.PREDICTION, new double[0], new double[] {1}, 0, 0, 0));
        return TabularModel.compile(TabularModelArtifact.of(SCHEMA, encoder, parameters, 0.5, reference,
                new TrainingMetadata("hand", "1", 0, Map.of())));
    }
}
