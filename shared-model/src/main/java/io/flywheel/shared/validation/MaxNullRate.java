package io.flywheel.shared.validation;

import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The share of missing values may not exceed {@code maxRate}, in one column or (column {@code null}) in every column.
 *
 * @param column  the column, or {@code null} for every column of the table
 * @param maxRate the largest allowed share of missing values
 */
public record MaxNullRate(String column, double maxRate) implements ValidationRule {

    static final String NAME = "max-null-rate";

    public MaxNullRate {
        ValidationRule.requireRate(maxRate, "maxRate");
    }

    @Override
    public List<RuleResult> check(Table table) {
        if (column != null && !table.has(column)) {
            return List.of(Unchecked.result(NAME, column, table, "present", "<= " + Describe.percent(maxRate)));
        }
        List<RuleResult> results = new ArrayList<>();
        for (Column checked : column == null ? table.columns() : List.of(table.column(column))) {
            long missing = checked.missingCount();
            long rows = checked.size();
            double rate = Describe.rate(missing, rows);
            results.add(new RuleResult(NAME, checked.name(), rate <= maxRate, missing, rows, Describe.percent(rate),
                    "<= " + Describe.percent(maxRate), "column `" + checked.name() + "`: "
                    + Describe.share(missing, rows, "values") + " are missing; at most " + Describe.percent(maxRate)
                    + " allowed"));
        }
        return results;
    }
}
