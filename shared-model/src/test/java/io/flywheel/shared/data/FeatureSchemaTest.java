package io.flywheel.shared.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.shared.problem.ProblemException;
import io.flywheel.testing.TestDatasets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSchemaTest {

    @Test
    void infersFeaturesCategoriesAndTheMinorityClassAsPositiveFromLendingClub() {
        FeatureSchema schema = FeatureSchema.infer(TestDatasets.lendingClub(), "Class", null);

        assertThat(schema.features()).hasSize(22);
        assertThat(schema.feature("int_rate").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(schema.feature("term").categories()).containsExactly("term_36", "term_60");
        assertThat(schema.feature("addr_state").categories()).hasSize(50).isSorted();
        assertThat(schema.classes()).containsExactly("good", "bad");
        assertThat(schema.positiveClass()).isEqualTo("bad");
    }

    @Test
    void aConfiguredPositiveClassWinsOverTheMinority() {
        FeatureSchema schema = FeatureSchema.infer(TestDatasets.lendingClub(), "Class", "good");

        assertThat(schema.classes()).containsExactly("bad", "good");
        assertThat(schema.labels(TestDatasets.lendingClub().select(new int[] {0}))).containsExactly(1);
    }

    @Test
    void aNumericZeroOneLabelReadsAsClassesZeroAndOne() {
        Table table = TestDatasets.breastCancer();
        FeatureSchema schema = FeatureSchema.infer(table, "diagnosis", "0");

        assertThat(schema.classes()).containsExactly("1", "0");
        assertThat(schema.features()).hasSize(30).allMatch(f -> f.type() == ColumnType.NUMERIC);
        int[] labels = schema.labels(table);
        assertThat(labels[0]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(labels).sum()).isEqualTo(212);
    }

    @Test
    void balancedTrueFalseLabelsMakeTrueThePositiveClass() {
        Table table = Table.builder(List.of("x", "fraud")).addRow("1", "true").addRow("2", "false").build();

        assertThat(FeatureSchema.infer(table, "fraud", null).positiveClass()).isEqualTo("true");
    }

    @Test
    void aMissingLabelColumnIsNamed() {
        assertThatThrownBy(() -> FeatureSchema.infer(table("a", "b"), "target", null))
                .isInstanceOf(ProblemException.class)
                .hasMessage("label column `target` is not in the table; the columns are x, y");
    }

    @Test
    void aLabelWithOneClassIsRefused() {
        assertThatThrownBy(() -> FeatureSchema.infer(table("a", "a"), "y", null))
                .hasMessage("label `y` has a single class `a`; a binary classifier needs two");
    }

    @Test
    void aLabelWithMoreThanTwoClassesIsRefusedListingThem() {
        assertThatThrownBy(() -> FeatureSchema.infer(table("a", "b", "c"), "y", null))
                .hasMessage("label `y` has 3 classes (a, b, c); a binary classifier needs exactly two");
    }

    @Test
    void aPositiveClassThatIsNotALabelValueIsRefused() {
        assertThatThrownBy(() -> FeatureSchema.infer(table("a", "b"), "y", "yes"))
                .hasMessage("positive class `yes` is not a value of label `y`; its classes are a, b");
    }

    @Test
    void anEmptyTableOrAnAllMissingLabelIsRefused() {
        assertThatThrownBy(() -> FeatureSchema.infer(Table.builder(List.of("x", "y")).build(), "y", null))
                .hasMessage("the table has no rows");
        assertThatThrownBy(() -> FeatureSchema.infer(table("NA", ""), "y", null))
                .hasMessage("label `y` has no values");
    }

    @Test
    void labelsOutsideTheClassesOrMissingAreNamedByRow() {
        FeatureSchema schema = FeatureSchema.infer(table("a", "b"), "y", null);

        assertThatThrownBy(() -> schema.labels(table("a", "c"))).hasMessage(
                "label `y` on row 2 is `c`, which is neither `a` nor `b`");
        assertThatThrownBy(() -> schema.labels(table("a", ""))).hasMessage("label `y` is missing on row 2");
    }

    @Test
    void aSchemaRefusesDuplicateFeaturesUnsortedCategoriesAndALabelFeature() {
        assertThatThrownBy(() -> new FeatureSchema(List.of(Feature.numeric("x"), Feature.numeric("x")), "y",
                List.of("0", "1"), "1")).hasMessage("feature `x` appears more than once");
        assertThatThrownBy(() -> new Feature("c", ColumnType.CATEGORICAL, List.of("b", "a")))
                .hasMessage("categories of feature `c` must be sorted and distinct; `b` comes before `a`");
        assertThatThrownBy(() -> new FeatureSchema(List.of(Feature.numeric("y")), "y", List.of("0", "1"), "1"))
                .hasMessage("the label `y` cannot also be a feature");
    }

    private static Table table(String... labels) {
        TableBuilder builder = Table.builder(List.of("x", "y"));
        for (int i = 0; i < labels.length; i++) {
            builder.addRow(String.valueOf(i), labels[i]);
        }
        return builder.build();
    }
}
