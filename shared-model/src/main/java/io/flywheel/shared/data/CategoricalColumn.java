package io.flywheel.shared.data;

import java.util.Map;
import java.util.TreeMap;

/** A column of category strings where {@code null} marks a missing value. */
public final class CategoricalColumn implements Column {

    private final String name;
    private final String[] values;
    private final int missing;

    private CategoricalColumn(String name, String[] values) {
        this.name = Table.requireName(name);
        int nulls = 0;
        for (String value : values) {
            if (value == null) {
                nulls++;
            }
        }
        this.values = values;
        this.missing = nulls;
    }

    /** A column holding a copy of the values. */
    public static CategoricalColumn of(String name, String... values) {
        return new CategoricalColumn(name, values.clone());
    }

    /** Takes ownership of an array the caller will no longer touch (no copy). */
    static CategoricalColumn wrap(String name, String[] values) {
        return new CategoricalColumn(name, values);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.CATEGORICAL;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public int missingCount() {
        return missing;
    }

    @Override
    public boolean isMissing(int row) {
        return values[row] == null;
    }

    /** The category of a row, {@code null} when missing. */
    public String value(int row) {
        return values[row];
    }

    /** A copy of all values. */
    public String[] toArray() {
        return values.clone();
    }

    /** How often each present category occurs, sorted by category. */
    public Map<String, Integer> categoryCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String value : values) {
            if (value != null) {
                counts.merge(value, 1, Integer::sum);
            }
        }
        return counts;
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        String[] picked = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = values[rows[i]];
        }
        return new CategoricalColumn(name, picked);
    }

    @Override
    public String toString() {
        return "CategoricalColumn[" + name + ", " + values.length + " rows]";
    }
}
