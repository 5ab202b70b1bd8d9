package io.flywheel.shared.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.shared.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    private final Table table = Table.of(List.of(
            NumericColumn.of("x", 1, Double.NaN, 3),
            CategoricalColumn.of("c", "a", null, "b")));

    @Test
    void selectingRowsKeepsColumnsAndFollowsTheGivenOrder() {
        Table picked = table.select(new int[] {2, 0, 2});

        assertThat(picked.rowCount()).isEqualTo(3);
        assertThat(picked.numeric("x").toArray()).containsExactly(3, 1, 3);
        assertThat(picked.categorical("c").toArray()).containsExactly("b", "a", "b");
    }

    @Test
    void anUnknownColumnIsAPreciseErrorListingTheColumns() {
        assertThatThrownBy(() -> table.column("y"))
                .isInstanceOf(ProblemException.class)
                .hasMessage("no column `y`; the columns are x, c");
    }

    @Test
    void askingForTheWrongKindOfColumnSaysWhatItIs() {
        assertThatThrownBy(() -> table.numeric("c")).hasMessage("column `c` is categorical, not numeric");
    }

    @Test
    void columnsOfDifferentLengthsOrInfiniteValuesAreRefused() {
        assertThatThrownBy(() -> Table.of(List.of(NumericColumn.of("x", 1), NumericColumn.of("y", 1, 2))))
                .hasMessage("column `y` has 2 rows but column `x` has 1");
        assertThatThrownBy(() -> NumericColumn.of("x", 1, Double.POSITIVE_INFINITY))
                .hasMessage("column `x`, row 2: Infinity is not a finite number");
    }

    @Test
    void columnsDoNotShareTheCallersArrays() {
        double[] values = {1, 2};
        NumericColumn column = NumericColumn.of("x", values);
        values[0] = 99;

        assertThat(column.value(0)).isEqualTo(1);
        column.toArray()[1] = 99;
        assertThat(column.value(1)).isEqualTo(2);
    }
}
