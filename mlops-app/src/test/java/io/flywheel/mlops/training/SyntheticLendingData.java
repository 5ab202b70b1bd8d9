package io.flywheel.mlops.training;

import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded enlargement of a real table for benchmarks: {@code rows} rows drawn with replacement from the real ones
 * (so the label keeps its link to the features and its share), each numeric value jittered by Gaussian noise of
 * {@value #JITTER} of its column's standard deviation (so rows are not exact copies), categories and missing values
 * kept; then extra numeric features up to {@code features}, each the sum of two real numeric features (standardised)
 * plus unit noise — correlated with the real signal, as engineered features are. Same seed, same table.
 */
public final class SyntheticLendingData {

    static final double JITTER = 0.05;

    private SyntheticLendingData() {
    }

    /** The enlarged table: the label column last, {@code features} feature columns before it. */
    public static Table enlarge(Table real, String label, int rows, int features, long seed) {
        Random random = new Random(seed);
        int[] drawn = new int[rows];
        for (int i = 0; i < rows; i++) {
            drawn[i] = random.nextInt(real.rowCount());
        }
        Table base = real.select(drawn);
        List<Column> columns = new ArrayList<>();
        List<NumericColumn> numeric = new ArrayList<>();
        for (Column column : base.columns()) {
            if (column.name().equals(label)) {
                continue;
            }
            if (column instanceof NumericColumn values) {
                NumericColumn jittered = jittered(values, random);
                numeric.add(jittered);
                columns.add(jittered);
            } else {
                columns.add((CategoricalColumn) column);
            }
        }
        for (int extra = 1; columns.size() < features; extra++) {
            NumericColumn a = numeric.get(random.nextInt(numeric.size()));
            NumericColumn b = numeric.get(random.nextInt(numeric.size()));
            columns.add(combined("synthetic_" + extra, a, b, random));
        }
        columns.add(base.column(label));
        return Table.of(columns);
    }

    private static NumericColumn jittered(NumericColumn column, Random random) {
        double std = std(column);
        double[] values = column.toArray();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                values[i] += random.nextGaussian() * JITTER * std;
            }
        }
        return NumericColumn.of(column.name(), values);
    }

    private static NumericColumn combined(String name, NumericColumn a, NumericColumn b, Random random) {
        double meanA = mean(a);
        double meanB = mean(b);
        double stdA = Math.max(std(a), Double.MIN_NORMAL);
        double stdB = Math.max(std(b), Double.MIN_NORMAL);
        double[] values = new double[a.size()];
        for (int i = 0; i < values.length; i++) {
            double x = Double.isNaN(a.value(i)) ? 0 : (a.value(i) - meanA) / stdA;
            double y = Double.isNaN(b.value(i)) ? 0 : (b.value(i) - meanB) / stdB;
            values[i] = x + y + random.nextGaussian();
        }
        return NumericColumn.of(name, values);
    }

    private static double mean(NumericColumn column) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < column.size(); i++) {
            if (!column.isMissing(i)) {
                sum += column.value(i);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static double std(NumericColumn column) {
        double mean = mean(column);
        double squares = 0;
        int n = 0;
        for (int i = 0; i < column.size(); i++) {
            if (!column.isMissing(i)) {
                squares += (column.value(i) - mean) * (column.value(i) - mean);
                n++;
            }
        }
        return n == 0 ? 0 : Math.sqrt(squares / n);
    }
}
