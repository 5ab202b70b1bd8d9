package io.flywheel.shared.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.testing.TestDatasets;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TabularModelTest {

    private static final Table LENDING = TestDatasets.lendingClub();
    private static final FeatureSchema SCHEMA = FeatureSchema.infer(LENDING, "Class", null);
    private static final SyntheticModels MODELS = new SyntheticModels(SCHEMA, LENDING, 7);

    @Test
    void theFlattenedForestScoresEveryRowLikeAWalkOfTheStoredTrees() {
        TabularModelArtifact artifact = MODELS.randomForest(25, 8, RandomForest.Combiner.AVERAGE);
        RandomForest forest = (RandomForest) artifact.model();
        double[][] encoded = artifact.encoder().encode(LENDING);

        double[] scores = TabularModel.compile(artifact).score(FeatureBatch.of(SCHEMA, LENDING));

        for (int row = 0; row < encoded.length; row++) {
            double sum = 0;
            for (DecisionTree tree : forest.trees()) {
                int node = 0;
                while (tree.left()[node] >= 0) {
                    node = encoded[row][tree.feature()[node]] > tree.threshold()[node] ? tree.right()[node] : tree.left()[node];
                }
                sum += tree.value()[node];
            }
            assertThat(scores[row]).isEqualTo(sum / forest.trees().size(), within(1e-12));
        }
    }

    @Test
    void theFlattenedBoostedTreesScoreEveryRowLikeAWalkOfTheStoredTrees() {
        TabularModelArtifact artifact = MODELS.boostedTrees(60, 6, GradientBoostedTrees.Objective.MULTI_SOFTPROB);
        GradientBoostedTrees boosted = (GradientBoostedTrees) artifact.model();
        double[][] encoded = artifact.encoder().encode(LENDING);

        double[] scores = TabularModel.compile(artifact).score(FeatureBatch.of(SCHEMA, LENDING));

        for (int row = 0; row < encoded.length; row++) {
            float[] margins = {boosted.baseMargin(), boosted.baseMargin()};
            for (BoostedTree tree : boosted.trees()) {
                int node = 0;
                while (tree.left()[node] >= 0) {
                    float value = (float) encoded[row][tree.feature()[node]];
                    boolean left = Float.isNaN(value) ? tree.defaultLeft()[node] : value < tree.threshold()[node];
                    node = left ? tree.left()[node] : tree.right()[node];
                }
                margins[tree.outputClass()] += tree.value()[node];
            }
            double expected = 1 / (1 + Math.exp(margins[0] - margins[1]));
            assertThat(scores[row]).isEqualTo(expected, within(1e-6));
        }
    }

    @Test
    void aMissingNumberScoresLikeItsImputedValueAndAnUnseenCategoryLikeAMissingOne() {
        TabularModel model = TabularModel.compile(MODELS.logisticRegression(true));
        Map<String, Object> row = firstRow();
        double median = ((NumericEncoding) model.artifact().encoder().features().get(SCHEMA.indexOf("int_rate"))).impute();

        Map<String, Object> missing = new HashMap<>(row);
        missing.put("int_rate", null);
        Map<String, Object> imputed = new HashMap<>(row);
        imputed.put("int_rate", median);
        assertThat(model.scoreRow(missing)).isEqualTo(model.scoreRow(imputed));

        Map<String, Object> unseen = new HashMap<>(row);
        unseen.put("addr_state", "ZZ");
        Map<String, Object> noState = new HashMap<>(row);
        noState.put("addr_state", null);
        assertThat(model.scoreRow(unseen)).isEqualTo(model.scoreRow(noState));
    }

    @Test
    void aRowScoresTheSameAloneAsInABatch() {
        TabularModel model = TabularModel.compile(MODELS.boostedTrees(20, 4, GradientBoostedTrees.Objective.BINARY_LOGISTIC));

        double[] batch = model.score(FeatureBatch.of(SCHEMA, LENDING.select(new int[] {5, 0, 9})));

        assertThat(model.scoreRow(firstRow())).isEqualTo(batch[1]);
    }

    @Test
    void theLabelIsPositiveAtOrAboveTheThreshold() {
        TabularModel model = TabularModel.compile(MODELS.logisticRegression(false));

        assertThat(model.label(0.5)).isEqualTo("bad");
        assertThat(model.label(Math.nextDown(0.5))).isEqualTo("good");
    }

    @Test
    void infinityIsRefusedNamingTheFeatureAndIndex() {
        double[] rates = {12.5, Double.NEGATIVE_INFINITY};

        assertThatThrownBy(() -> batchWith("int_rate", rates))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().errors()).containsExactly(new Problem.FieldError("int_rate",
                            "value at index 1 is -Infinity; send a finite number, or null/NaN for a missing value"));
                });
    }

    @Test
    void everyProblemOfABatchIsReportedAtOnce() {
        FeatureBatch.Builder builder = FeatureBatch.builder(SCHEMA, 2)
                .numeric("term", new double[] {1, 2})
                .categorical("int_rate", new String[] {"a", "b"})
                .numeric("funded_amnt", new double[] {1})
                .numeric("colour", new double[] {1, 2});

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().type()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
            assertThat(e.problem().errors()).extracting(Problem.FieldError::field)
                    .startsWith("term", "int_rate", "funded_amnt", "colour")
                    .contains("annual_inc", "addr_state");
            assertThat(e.problem().errors()).extracting(Problem.FieldError::message).startsWith(
                    "is categorical: send strings", "is numeric: send numbers", "has 1 values but the batch has 2 rows");
            assertThat(e.getMessage()).startsWith("feature `term` is categorical: send strings (and ");
        });
    }

    @Test
    void aFeatureGivenTwiceIsRefused() {
        FeatureBatch.Builder builder = FeatureBatch.builder(SCHEMA, 1)
                .numeric("int_rate", new double[] {1})
                .numeric("int_rate", new double[] {2});

        assertThatThrownBy(builder::build).hasMessageContaining("feature `int_rate` is given more than once");
    }

    @Test
    void scoringABatchWithAReusedScratchAllocatesNothingPerRow() {
        TabularModel model = TabularModel.compile(MODELS.boostedTrees(50, 6, GradientBoostedTrees.Objective.MULTI_SOFTPROB));
        FeatureBatch batch = FeatureBatch.of(SCHEMA, LENDING);
        TabularModel.Scratch scratch = model.newScratch();
        double[] out = new double[batch.rows()];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 20; warm++) {
            model.score(batch, scratch, out);
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        model.score(batch, scratch, out);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated scoring %d rows", batch.rows()).isLessThan(batch.rows());
    }

    @Test
    void warmUpRowsCoverMissingValuesAndUnseenCategoriesAndScoreFinitely() {
        TabularModelArtifact artifact = MODELS.randomForest(10, 5, RandomForest.Combiner.VOTE);

        FeatureBatch batch = WarmUpRows.batch(artifact, 200, 1);
        double[] scores = TabularModel.compile(artifact).score(batch);

        assertThat(java.util.Arrays.stream(scores)).hasSize(200).allMatch(p -> p >= 0 && p <= 1);
        assertThat(java.util.Arrays.stream(batch.numericColumns()[SCHEMA.indexOf("int_rate")])).anyMatch(value -> Double.isNaN(value));
        assertThat(batch.categoricalColumns()[SCHEMA.indexOf("addr_state")])
                .contains(WarmUpRows.UNSEEN_CATEGORY, (String) null);
        assertThat(WarmUpRows.batch(artifact, 200, 1).numericColumns()[0]).isEqualTo(batch.numericColumns()[0]);
    }

    private static FeatureBatch batchWith(String feature, double[] values) {
        FeatureBatch.Builder builder = FeatureBatch.builder(SCHEMA, values.length);
        Table rows = LENDING.select(new int[values.length]);
        for (var f : SCHEMA.features()) {
            if (f.name().equals(feature)) {
                builder.numeric(feature, values);
            } else if (rows.column(f.name()) instanceof io.flywheel.shared.data.NumericColumn numeric) {
                builder.numeric(f.name(), numeric.toArray());
            } else {
                builder.categorical(f.name(), rows.categorical(f.name()).toArray());
            }
        }
        return builder.build();
    }

    private static Map<String, Object> firstRow() {
        Map<String, Object> row = new HashMap<>();
        for (var feature : SCHEMA.features()) {
            if (LENDING.column(feature.name()) instanceof io.flywheel.shared.data.NumericColumn numeric) {
                row.put(feature.name(), numeric.value(0));
            } else {
                row.put(feature.name(), LENDING.categorical(feature.name()).value(0));
            }
        }
        return row;
    }
}
