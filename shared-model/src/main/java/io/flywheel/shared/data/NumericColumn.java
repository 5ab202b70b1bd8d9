package io.flywheel.shared.data;

import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.util.Arrays;

/** A column of finite doubles where {@code NaN} marks a missing value; infinities are refused. */
public final class NumericColumn implements Column {

    private final String name;
    private final double[] values;
    private final int missing;

    private NumericColumn(String name, double[] values) {
        this.name = Table.requireName(name);
        int nan = 0;
        for (int row = 0; row < values.length; row++) {
            double value = values[row];
            if (Double.isNaN(value)) {
                nan++;
            } else if (Double.isInfinite(value)) {
                throw new ProblemException(ProblemType.INVALID_DATASET,
                        "column `" + name + "`, row " + (row + 1) + ": " + value + " is not a finite number");
            }
        }
        this.values = values;
        this.missing = nan;
    }

    /** A column holding a copy of the values. */
    public static NumericColumn of(String name, double... values) {
        return new NumericColumn(name, values.clone());
    }

    /** Takes ownership of an array the caller will no longer touch (no copy). */
    static NumericColumn wrap(String name, double[] values) {
        return new NumericColumn(name, values);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
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
        return Double.isNaN(values[row]);
    }

    /** The value of a row, {@code NaN} when missing. */
    public double value(int row) {
        return values[row];
    }

    /** A copy of all values. */
    public double[] toArray() {
        return values.clone();
    }

    /** The non-missing values, sorted ascending (a fresh array). */
    public double[] sortedPresentValues() {
        double[] present = new double[values.length - missing];
        int next = 0;
        for (double value : values) {
            if (!Double.isNaN(value)) {
                present[next++] = value;
            }
        }
        Arrays.sort(present);
        return present;
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] picked = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = values[rows[i]];
        }
        return new NumericColumn(name, picked);
    }

    @Override
    public String toString() {
        return "NumericColumn[" + name + ", " + values.length + " rows]";
    }
}
