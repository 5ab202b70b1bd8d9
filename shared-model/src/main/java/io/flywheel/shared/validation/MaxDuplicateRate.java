package io.flywheel.shared.validation;

import io.flywheel.shared.data.Table;
import java.util.List;

/**
 * The share of rows that repeat an earlier row exactly (every column equal, missing equal to missing) may not exceed
 * {@code maxRate}.
 *
 * @param maxRate the largest allowed share of duplicate rows
 */
public record MaxDuplicateRate(double maxRate) implements ValidationRule {

    static final String NAME = "max-duplicate-rate";

    public MaxDuplicateRate {
        ValidationRule.requireRate(maxRate, "maxRate");
    }

    @Override
    public List<RuleResult> check(Table table) {
        long rows = table.rowCount();
        long duplicates = DuplicateRows.count(table);
        double rate = Describe.rate(duplicates, rows);
        return List.of(new RuleResult(NAME, null, rate <= maxRate, duplicates, rows, Describe.percent(rate),
                "<= " + Describe.percent(maxRate), Describe.share(duplicates, rows, "rows")
                + " duplicate an earlier row; at most " + Describe.percent(maxRate) + " allowed"));
    }
}
