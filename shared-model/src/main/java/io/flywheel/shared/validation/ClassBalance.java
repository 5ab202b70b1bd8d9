package io.flywheel.shared.validation;

import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.Cells;
import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The label must be present on every row, have exactly two classes, and its minority class must make up at least
 * {@code minMinorityShare} of the rows.
 *
 * @param label            the label column
 * @param minMinorityShare the smallest acceptable share of the rarer class
 */
public record ClassBalance(String label, double minMinorityShare) implements ValidationRule {

    static final String NAME = "class-balance";

    /** Enough distinct labels to tell "two classes" from "more", and to name several of them in the message. */
    private static final int CLASSES_TRACKED = 10;

    public ClassBalance {
        ValidationRule.requireColumn(label);
        ValidationRule.requireRate(minMinorityShare, "minMinorityShare");
    }

    @Override
    public List<RuleResult> check(Table table) {
        String expected = "2 classes, minority >= " + Describe.percent(minMinorityShare);
        long rows = table.rowCount();
        if (!table.has(label)) {
            return List.of(fail(rows, rows, "absent", expected, "label `" + label + "` is missing"));
        }
        Column column = table.column(label);
        if (column.missingCount() > 0) {
            return List.of(fail(column.missingCount(), rows, "missing labels", expected, "label `" + label + "`: "
                    + Describe.share(column.missingCount(), rows, "values") + " are missing"));
        }
        Map<String, Long> counts = counts(column);
        if (counts.size() != 2) {
            return List.of(fail(rows, rows, counts.size() + " classes", expected, "label `" + label + "` has "
                    + counts.size() + " classes " + counts.keySet() + "; a binary classifier needs exactly two"));
        }
        Map.Entry<String, Long> minority = counts.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        double share = Describe.rate(minority.getValue(), rows);
        return List.of(new RuleResult(NAME, label, share >= minMinorityShare, share >= minMinorityShare ? 0
                : minority.getValue(), rows, Describe.percent(share), expected, "label `" + label
                + "`: the minority class `" + minority.getKey() + "` is " + Describe.share(minority.getValue(), rows,
                "rows") + "; at least " + Describe.percent(minMinorityShare) + " needed"));
    }

    private RuleResult fail(long offending, long rows, String observed, String expected, String message) {
        return new RuleResult(NAME, label, false, offending, rows, observed, expected, message);
    }

    /** Counts per class, tracking at most a few distinct values with primitive counters (no boxing per row). */
    private static Map<String, Long> counts(Column column) {
        String[] names = new String[CLASSES_TRACKED];
        double[] numbers = new double[CLASSES_TRACKED];
        long[] counts = new long[CLASSES_TRACKED];
        int distinct = 0;
        for (int row = 0; row < column.size(); row++) {
            int found = -1;
            for (int c = 0; c < distinct && found < 0; c++) {
                found = column instanceof NumericColumn numeric ? (numeric.value(row) == numbers[c] ? c : -1)
                        : (((CategoricalColumn) column).value(row).equals(names[c]) ? c : -1);
            }
            if (found < 0 && distinct < CLASSES_TRACKED) {
                found = distinct++;
                if (column instanceof NumericColumn numeric) {
                    numbers[found] = numeric.value(row);
                    names[found] = Cells.format(numbers[found]);
                } else {
                    names[found] = ((CategoricalColumn) column).value(row);
                }
            }
            if (found >= 0) {
                counts[found]++;
            }
        }
        Map<String, Long> result = new TreeMap<>();
        for (int c = 0; c < distinct; c++) {
            result.put(names[c], counts[c]);
        }
        return result;
    }
}
