package io.flywheel.shared.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.shared.problem.ProblemException;
import io.flywheel.testing.TestDatasets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableBuilderTest {

    @Test
    void infersNumericWhenEveryPresentCellIsAFiniteNumberAndCategoricalOtherwise() {
        Table table = Table.builder(List.of("amount", "grade", "mixed"))
                .addRow("100", "A", "1")
                .addRow("-2.5e3", "B", "x")
                .addRow(" 7 ", "A", "3")
                .build();

        assertThat(table.column("amount").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(table.numeric("amount").toArray()).containsExactly(100, -2500, 7);
        assertThat(table.column("grade").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(table.column("mixed").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(table.categorical("mixed").toArray()).containsExactly("1", "x", "3");
    }

    @Test
    void commonNullTokensAreMissingInBothKindsOfColumn() {
        Table table = Table.builder(List.of("x", "c"))
                .addRow("", "NA")
                .addRow("NaN", "null")
                .addRow("N/A", " None ")
                .addRow("4", "b")
                .build();

        assertThat(table.numeric("x").missingCount()).isEqualTo(3);
        assertThat(table.numeric("x").value(3)).isEqualTo(4);
        assertThat(table.categorical("c").missingCount()).isEqualTo(3);
        assertThat(table.categorical("c").toArray()).containsExactly(null, null, null, "b");
    }

    @Test
    void javaOnlyNumberSpellingsAndInfinitiesAreText() {
        Table table = Table.builder(List.of("hex", "inf", "huge"))
                .addRow("0x1p3", "Infinity", "1e999")
                .build();

        assertThat(table.columns()).allMatch(column -> column.type() == ColumnType.CATEGORICAL);
    }

    @Test
    void anAllMissingColumnIsNumericWithEveryCellMissing() {
        Table table = Table.builder(List.of("empty", "y")).addRow("", "1").addRow("NA", "0").build();

        assertThat(table.column("empty").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(table.column("empty").missingCount()).isEqualTo(2);
    }

    @Test
    void anExplicitTypeOverridesInference() {
        Table table = Table.builder(List.of("zip", "x")).addRow("02139", "1").build(Map.of("zip", ColumnType.CATEGORICAL));

        assertThat(table.categorical("zip").value(0)).isEqualTo("02139");
    }

    @Test
    void aDeclaredNumericColumnHoldingTextIsRefusedNamingTheCell() {
        TableBuilder builder = Table.builder(List.of("int_rate")).addRow("13.5").addRow("high");

        assertThatThrownBy(() -> builder.build(Map.of("int_rate", ColumnType.NUMERIC)))
                .isInstanceOf(ProblemException.class)
                .hasMessage("column `int_rate` is declared numeric but row 2 holds 'high', which is not a finite number");
    }

    @Test
    void raggedRowsDuplicateAndBlankHeadersAreRefused() {
        assertThatThrownBy(() -> Table.builder(List.of("a", "b")).addRow("1"))
                .hasMessage("data row 1 has 1 cells but the header names 2 columns");
        assertThatThrownBy(() -> Table.builder(List.of("a", "a"))).hasMessage("column `a` appears more than once");
        assertThatThrownBy(() -> Table.builder(List.of("a", " "))).hasMessage("header column 2 has no name");
        assertThatThrownBy(() -> Table.builder(List.of())).hasMessage("the header names no column");
    }

    @Test
    void anEmptyTableKeepsItsColumns() {
        Table table = Table.builder(List.of("a", "b")).build();

        assertThat(table.rowCount()).isZero();
        assertThat(table.columnNames()).containsExactly("a", "b");
    }

    @Test
    void readsTheRealLendingClubData() {
        Table table = TestDatasets.lendingClub();

        assertThat(table.rowCount()).isEqualTo(9857);
        assertThat(table.columns()).hasSize(23);
        assertThat(table.column("int_rate").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(table.column("sub_grade").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(table.categorical("Class").categoryCounts()).containsEntry("bad", 517).containsEntry("good", 9340);
    }
}
