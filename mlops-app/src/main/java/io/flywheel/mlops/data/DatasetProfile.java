package io.flywheel.mlops.data;

import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot at a glance: per column its type, missing values and distribution, and the class balance of the label.
 *
 * @param columns      one profile per column, features in schema order then the label
 * @param classCounts  rows per class, negative class first
 * @param positiveRate share of the positive class
 */
public record DatasetProfile(List<ColumnProfile> columns, Map<String, Long> classCounts, double positiveRate) {

    /** Categories listed per categorical column, the most frequent first. */
    static final int TOP_CATEGORIES = 10;

    public DatasetProfile {
        columns = List.copyOf(columns);
    }

    static DatasetProfile of(Table table, FeatureSchema schema) {
        List<ColumnProfile> columns = new ArrayList<>();
        for (var feature : schema.features()) {
            columns.add(profile(table.column(feature.name()), "feature"));
        }
        columns.add(profile(table.column(schema.label()), "label"));
        int[] labels = schema.labels(table);
        long positives = 0;
        for (int label : labels) {
            positives += label;
        }
        Map<String, Long> classCounts = new LinkedHashMap<>();
        classCounts.put(schema.negativeClass(), labels.length - positives);
        classCounts.put(schema.positiveClass(), positives);
        return new DatasetProfile(columns, classCounts, (double) positives / labels.length);
    }

    private static ColumnProfile profile(Column column, String role) {
        if (column instanceof NumericColumn numeric) {
            double[] present = numeric.sortedPresentValues();
            if (present.length == 0) {
                return new ColumnProfile(column.name(), "numeric", role, column.missingCount(), null, null, null, null,
                        null, null);
            }
            double sum = 0;
            for (double value : present) {
                sum += value;
            }
            double mean = sum / present.length;
            double squares = 0;
            for (double value : present) {
                squares += (value - mean) * (value - mean);
            }
            return new ColumnProfile(column.name(), "numeric", role, column.missingCount(), present[0],
                    present[present.length - 1], mean, Math.sqrt(squares / present.length), null, null);
        }
        Map<String, Integer> counts = ((CategoricalColumn) column).categoryCounts();
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_CATEGORIES)
                .forEach(entry -> top.put(entry.getKey(), (long) entry.getValue()));
        return new ColumnProfile(column.name(), "categorical", role, column.missingCount(), null, null, null, null,
                counts.size(), top);
    }
}
