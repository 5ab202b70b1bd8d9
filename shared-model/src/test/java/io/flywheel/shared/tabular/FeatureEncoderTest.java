package io.flywheel.shared.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import io.flywheel.testing.TestDatasets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

    private final Table table = Table.of(List.of(
            NumericColumn.of("income", 10, Double.NaN, 30, 40),
            CategoricalColumn.of("grade", "B", "A", null, "B"),
            CategoricalColumn.of("y", "0", "1", "0", "1")));
    private final FeatureSchema schema = FeatureSchema.infer(table, "y", "1");

    @Test
    void namesEveryEncodedNumberAfterItsFeatureAndCategory() {
        FeatureEncoder encoder = FeatureEncoder.fit(schema, table, EncoderOptions.trees());

        assertThat(encoder.encodedNames()).containsExactly("income", "grade=A", "grade=B");
        assertThat(encoder.width()).isEqualTo(3);
    }

    @Test
    void missingNumbersTakeTheTrainingMedianAndMissingCategoriesEncodeAsZeros() {
        FeatureEncoder encoder = FeatureEncoder.fit(schema, table, EncoderOptions.trees());

        assertThat(encoder.encode(table)).isDeepEqualTo(new double[][] {
                new double[] {10, 0, 1},
                new double[] {30, 1, 0},
                new double[] {30, 0, 0},
                new double[] {40, 0, 1}});
    }

    @Test
    void anUnseenCategoryEncodesAsZeros() {
        FeatureEncoder encoder = FeatureEncoder.fit(schema, table, EncoderOptions.trees());
        Table live = Table.of(List.of(NumericColumn.of("income", 5), CategoricalColumn.of("grade", "Z")));

        assertThat(encoder.encode(live)).isDeepEqualTo(new double[][] {{5, 0, 0}});
    }

    @Test
    void standardisingCentersOnTheMeanAndScalesByTheStandardDeviationOfPresentValues() {
        FeatureEncoder encoder = FeatureEncoder.fit(schema, table, EncoderOptions.linear());
        NumericEncoding income = (NumericEncoding) encoder.features().get(0);

        assertThat(income.impute()).isEqualTo(30);
        assertThat(income.center()).isCloseTo(80.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        double std = Math.sqrt((Math.pow(10 - 80.0 / 3, 2) + Math.pow(30 - 80.0 / 3, 2) + Math.pow(40 - 80.0 / 3, 2)) / 3);
        assertThat(income.scale()).isCloseTo(std, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(encoder.encode(table)[1][0]).isEqualTo((30 - income.center()) / income.scale());
    }

    @Test
    void boostedTreesKeepMissingValuesMissing() {
        FeatureEncoder encoder = FeatureEncoder.fit(schema, table, EncoderOptions.boostedTrees());

        assertThat(((NumericEncoding) encoder.features().get(0)).impute()).isNull();
        assertThat(encoder.encode(table)[1][0]).isNaN();
    }

    @Test
    void aConstantFeatureIsScaledByOne() {
        Table constant = Table.of(List.of(NumericColumn.of("x", 2, 2), CategoricalColumn.of("y", "0", "1")));
        FeatureEncoder encoder = FeatureEncoder.fit(FeatureSchema.infer(constant, "y", null), constant,
                EncoderOptions.linear());

        assertThat(encoder.encode(constant)).isDeepEqualTo(new double[][] {{0}, {0}});
    }

    @Test
    void anAllMissingFeatureCannotLearnAnImputation() {
        Table empty = Table.of(List.of(NumericColumn.of("x", Double.NaN, Double.NaN), CategoricalColumn.of("y", "0", "1")));

        assertThatThrownBy(() -> FeatureEncoder.fit(FeatureSchema.infer(empty, "y", null), empty, EncoderOptions.trees()))
                .hasMessage("feature `x` has no values to learn an encoding from");
    }

    @Test
    void encodesTheLendingClubDataInTheSchemaOrder() {
        Table lending = TestDatasets.lendingClub();
        FeatureSchema lendingSchema = FeatureSchema.infer(lending, "Class", null);
        FeatureEncoder encoder = FeatureEncoder.fit(lendingSchema, lending, EncoderOptions.trees());

        assertThat(encoder.width()).isEqualTo(17 + 2 + 35 + 50 + 3 + 12);
        assertThat(encoder.encodedNames()).startsWith("funded_amnt", "term=term_36", "term=term_60", "int_rate",
                "sub_grade=A1");
        double[] first = encoder.encode(lending.select(new int[] {0}))[0];
        assertThat(first[0]).isEqualTo(16100);
        assertThat(first[1]).isEqualTo(1);
        assertThat(first[2]).isZero();
        assertThat(first[3]).isEqualTo(13.99);
    }

    @Test
    void anEncoderRefusesTwoFeaturesEncodingToTheSameName() {
        assertThatThrownBy(() -> new FeatureEncoder(List.of(NumericEncoding.imputed("a=b", 0),
                new OneHotEncoding("a", List.of("b"))))).hasMessage("encoded feature name `a=b` is produced twice");
    }
}
