package io.flywheel.shared.validation;

import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import java.util.List;

/**
 * Present values must lie within {@code [min, max]} (either bound may be absent); missing values are not judged here.
 *
 * @param column         the numeric column
 * @param min            the smallest allowed value, or {@code null}
 * @param max            the largest allowed value, or {@code null}
 * @param maxOutsideRate the share of present values allowed outside, 0 by default
 */
public record NumericRange(String column, Double min, Double max, double maxOutsideRate) implements ValidationRule {

    static final String NAME = "numeric-range";

    public NumericRange {
        ValidationRule.requireColumn(column);
        ValidationRule.requireRate(maxOutsideRate, "maxOutsideRate of `" + column + "`");
        if (min == null && max == null) {
            throw new IllegalArgumentException("a range on `" + column + "` needs a min, a max or both");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("range of `" + column + "`: min " + min + " is above max " + max);
        }
    }

    @Override
    public List<RuleResult> check(Table table) {
        String expected = "within [" + (min == null ? "-∞" : Describe.number(min)) + ", "
                + (max == null ? "∞" : Describe.number(max)) + "]";
        if (!table.has(column) || !(table.column(column) instanceof NumericColumn values)) {
            return List.of(Unchecked.result(NAME, column, table, "numeric", expected));
        }
        double low = min == null ? Double.NEGATIVE_INFINITY : min;
        double high = max == null ? Double.POSITIVE_INFINITY : max;
        long outside = 0;
        for (int row = 0; row < values.size(); row++) {
            double value = values.value(row);
            if (value < low || value > high) {
                outside++;
            }
        }
        long present = values.size() - values.missingCount();
        double rate = Describe.rate(outside, present);
        return List.of(new RuleResult(NAME, column, rate <= maxOutsideRate, outside, present, Describe.percent(rate),
                "<= " + Describe.percent(maxOutsideRate), "column `" + column + "`: "
                + Describe.share(outside, present, "values") + " are outside " + expected.substring("within ".length())
                + "; at most " + Describe.percent(maxOutsideRate) + " allowed"));
    }
}
