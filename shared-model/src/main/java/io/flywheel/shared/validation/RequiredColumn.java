package io.flywheel.shared.validation;

import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.Cells;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Table;
import java.util.List;
import java.util.Locale;

/**
 * The column must be present with the given type. A numeric column that arrived as text is reported with how many of
 * its values are not numbers and one of them.
 *
 * @param column the column
 * @param type   its expected type
 */
public record RequiredColumn(String column, ColumnType type) implements ValidationRule {

    static final String NAME = "required-column";

    public RequiredColumn {
        ValidationRule.requireColumn(column);
        if (type == null) {
            throw new IllegalArgumentException("required column `" + column + "` needs a type");
        }
    }

    @Override
    public List<RuleResult> check(Table table) {
        String expected = type.name().toLowerCase(Locale.ROOT);
        long rows = table.rowCount();
        if (!table.has(column)) {
            return List.of(new RuleResult(NAME, column, false, rows, rows, "absent", expected,
                    "column `" + column + "` is missing; a " + expected + " column is expected"));
        }
        ColumnType actual = table.column(column).type();
        if (actual == type) {
            return List.of(new RuleResult(NAME, column, true, 0, rows, expected, expected,
                    "column `" + column + "` is " + expected));
        }
        if (type == ColumnType.NUMERIC) {
            return List.of(textInNumbers(table.categorical(column), rows));
        }
        // Categories that all look like numbers were read as a numeric column: declare the type when building.
        return List.of(new RuleResult(NAME, column, false, rows, rows, "numeric", expected, "column `" + column
                + "` holds only numbers but is expected categorical; declare its type when reading the data"));
    }

    private RuleResult textInNumbers(CategoricalColumn values, long rows) {
        long text = 0;
        String example = null;
        for (int row = 0; row < values.size(); row++) {
            String value = values.value(row);
            if (value != null && Double.isNaN(Cells.parseNumber(value))) {
                text++;
                example = example == null ? value : example;
            }
        }
        return new RuleResult(NAME, column, false, text, rows, "categorical", "numeric", "column `" + column + "`: "
                + Describe.share(text, rows, "values") + " are not numbers (e.g. '" + example
                + "'); a numeric column is expected");
    }
}
