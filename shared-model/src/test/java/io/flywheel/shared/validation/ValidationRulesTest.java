package io.flywheel.shared.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationRulesTest {

    private final Table table = Table.of(List.of(
            NumericColumn.of("income", 10, Double.NaN, 30, 1e9, 10),
            CategoricalColumn.of("term", "a", "b", null, "z", "a"),
            CategoricalColumn.of("y", "0", "1", "0", "0", "0")));

    @Test
    void aRangeCountsPresentValuesOutsideItsBounds() {
        RuleResult result = new NumericRange("income", 0.0, 1e6, 0.0).check(table).get(0);

        assertThat(result.passed()).isFalse();
        assertThat(result.offending()).isEqualTo(1);
        assertThat(result.total()).isEqualTo(4);
        assertThat(result.message()).isEqualTo(
                "column `income`: 1 of 4 values (25.0%) are outside [0, 1,000,000]; at most 0.0% allowed");
        assertThat(new NumericRange("income", null, 1e9, 0.0).check(table).get(0).passed()).isTrue();
    }

    @Test
    void unknownCategoriesAreCountedAndOneIsShown() {
        RuleResult result = new AllowedCategories("term", List.of("a", "b"), 0.2).check(table).get(0);

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).isEqualTo(
                "column `term`: 1 of 4 values (25.0%) are not among the 2 allowed categories (e.g. 'z'); at most 20.0% allowed");
    }

    @Test
    void aRuleOnAnAbsentOrWronglyTypedColumnFailsSayingSo() {
        assertThat(new NumericRange("term", 0.0, 1.0, 0).check(table).get(0).message())
                .isEqualTo("column `term` is categorical, not numeric, so it cannot be checked");
        assertThat(new AllowedCategories("colour", List.of(), 0).check(table).get(0).message())
                .isEqualTo("column `colour` is missing, so it cannot be checked");
        assertThat(new RequiredColumn("colour", ColumnType.NUMERIC).check(table).get(0).message())
                .isEqualTo("column `colour` is missing; a numeric column is expected");
        assertThat(new RequiredColumn("income", ColumnType.CATEGORICAL).check(table).get(0).passed()).isFalse();
    }

    @Test
    void theNullRateOfEveryColumnIsReportedWhenNoColumnIsNamed() {
        List<RuleResult> results = new MaxNullRate(null, 0.1).check(table);

        assertThat(results).extracting(RuleResult::column).containsExactly("income", "term", "y");
        assertThat(results).extracting(RuleResult::passed).containsExactly(false, false, true);
    }

    @Test
    void duplicateRowsCountMissingAsEqualAndEveryRepeatAfterTheFirst() {
        Table rows = Table.of(List.of(
                NumericColumn.of("x", 1, 1, Double.NaN, Double.NaN, 1, 2),
                CategoricalColumn.of("c", "a", "a", null, null, "a", "a")));

        RuleResult result = new MaxDuplicateRate(0.4).check(rows).get(0);

        assertThat(result.offending()).isEqualTo(3);
        assertThat(result.passed()).isFalse();
        assertThat(result.message()).isEqualTo("3 of 6 rows (50.0%) duplicate an earlier row; at most 40.0% allowed");
    }

    @Test
    void rowsThatDifferInOneCellAreNotDuplicates() {
        assertThat(new MaxDuplicateRate(0).check(table).get(0).offending()).isEqualTo(1);
        assertThat(new MaxDuplicateRate(0).check(table.select(new int[] {0, 1, 2, 3})).get(0).offending()).isZero();
    }

    @Test
    void tooFewRowsFail() {
        RuleResult result = new MinRows(100).check(table).get(0);

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).isEqualTo("the table has 5 rows; at least 100 are needed");
        assertThat(new MinRows(0).check(Table.builder(List.of("a")).build()).get(0).passed()).isTrue();
    }

    @Test
    void classBalanceNeedsThePresentLabelTwoClassesAndAlargeEnoughMinority() {
        assertThat(new ClassBalance("y", 0.3).check(table).get(0).message())
                .isEqualTo("label `y`: the minority class `1` is 1 of 5 rows (20.0%); at least 30.0% needed");
        assertThat(new ClassBalance("y", 0.2).check(table).get(0).passed()).isTrue();
        assertThat(new ClassBalance("term", 0.1).check(table).get(0).message())
                .isEqualTo("label `term`: 1 of 5 values (20.0%) are missing");
        assertThat(new ClassBalance("income", 0.1).check(table.select(new int[] {0, 2, 3})).get(0).message())
                .isEqualTo("label `income` has 3 classes [10, 1000000000, 30]; a binary classifier needs exactly two");
        assertThat(new ClassBalance("target", 0.1).check(table).get(0).message()).isEqualTo("label `target` is missing");
    }

    @Test
    void limitsOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> new MaxNullRate(null, 1.5)).hasMessage("maxRate must be within [0, 1], was 1.5");
        assertThatThrownBy(() -> new NumericRange("x", 2.0, 1.0, 0)).hasMessage("range of `x`: min 2.0 is above max 1.0");
    }
}
