package io.flywheel.shared.validation;

import io.flywheel.shared.data.Table;
import java.util.List;

/**
 * The table must have at least {@code min} rows.
 *
 * @param min the fewest rows worth training on
 */
public record MinRows(long min) implements ValidationRule {

    static final String NAME = "min-rows";

    public MinRows {
        if (min < 0) {
            throw new IllegalArgumentException("min rows cannot be negative, was " + min);
        }
    }

    @Override
    public List<RuleResult> check(Table table) {
        long rows = table.rowCount();
        boolean passed = rows >= min;
        return List.of(new RuleResult(NAME, null, passed, passed ? 0 : min - rows, rows, Describe.count(rows),
                ">= " + Describe.count(min), "the table has " + Describe.count(rows) + " rows; at least "
                + Describe.count(min) + " are needed"));
    }
}
