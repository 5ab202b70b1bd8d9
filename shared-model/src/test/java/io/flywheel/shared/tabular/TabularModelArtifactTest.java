package io.flywheel.shared.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.drift.ReferenceOptions;
import io.flywheel.shared.drift.ReferenceStatistics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TabularModelArtifactTest {

    private final Table table = Table.of(List.of(
            NumericColumn.of("income", 10, Double.NaN, 30, 40),
            CategoricalColumn.of("grade", "B", "A", null, "B"),
            CategoricalColumn.of("y", "0", "1", "0", "1")));
    private final FeatureSchema schema = FeatureSchema.infer(table, "y", "1");
    private final ReferenceStatistics reference = ReferenceStatistics.of(schema, table, new double[4],
            ReferenceOptions.defaults());
    private final TrainingMetadata training = new TrainingMetadata("tribuo", "4.3.2", 1, Map.of("epochs", "5"));
    private final LogisticRegression weights = new LogisticRegression(new double[][] {{1, 2, 3}}, new double[] {0});

    @Test
    void anArtifactOfFittingPartsNamesItsAlgorithm() {
        TabularModelArtifact artifact = TabularModelArtifact.of(schema,
                FeatureEncoder.fit(schema, table, EncoderOptions.linear()), weights, 0.3, reference, training);

        assertThat(artifact.algorithm()).isEqualTo("logistic-regression");
        assertThat(artifact.formatVersion()).isEqualTo(1);
    }

    @Test
    void onlyBoostedTreesAcceptAnEncoderThatLeavesMissingValuesMissing() {
        FeatureEncoder keepsMissing = FeatureEncoder.fit(schema, table, EncoderOptions.boostedTrees());

        assertThatThrownBy(() -> TabularModelArtifact.of(schema, keepsMissing, weights, 0.5, reference, training))
                .hasMessage("feature `income` has no impute value, which only gradient-boosted trees accept");
    }

    @Test
    void weightsMustMatchTheEncodedWidth() {
        LogisticRegression tooShort = new LogisticRegression(new double[][] {{1, 2}}, new double[] {0});

        assertThatThrownBy(() -> TabularModelArtifact.of(schema, FeatureEncoder.fit(schema, table,
                EncoderOptions.linear()), tooShort, 0.5, reference, training))
                .hasMessage("weights rows have 2 values but the encoder produces 3");
    }

    @Test
    void theEncoderAndTheReferenceMustFollowTheSchema() {
        FeatureEncoder swapped = new FeatureEncoder(List.of(new OneHotEncoding("grade", List.of("A", "B")),
                NumericEncoding.imputed("income", 30)));

        assertThatThrownBy(() -> TabularModelArtifact.of(schema, swapped, weights, 0.5, reference, training))
                .hasMessage("encoder feature 0 is `grade` but schema feature 0 is `income`");
        FeatureSchema other = FeatureSchema.infer(table.select(new int[] {0, 1}), "y", "1");
        ReferenceStatistics otherReference = new ReferenceStatistics(1, List.of(reference.features().get(1),
                reference.features().get(0)), reference.prediction());
        assertThatThrownBy(() -> TabularModelArtifact.of(other, FeatureEncoder.fit(other, table, EncoderOptions.linear()),
                weights, 0.5, otherReference, training))
                .hasMessage("reference feature 0 (`grade`) does not match schema feature `income` of the same kind");
    }

    @Test
    void trainingParametersAreKeptSortedByName() {
        TrainingMetadata metadata = new TrainingMetadata("xgboost", "1.6.2", 7, Map.of("eta", "0.3", "depth", "6"));

        assertThat(metadata.parameters().keySet()).containsExactly("depth", "eta");
    }
}
