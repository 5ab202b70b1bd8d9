package io.flywheel.shared.drift;

import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Computes {@link ReferenceStatistics}: quantile edges, bin shares, null rates, moments. */
final class ReferenceBuilder {

    private ReferenceBuilder() {
    }

    static ReferenceStatistics build(FeatureSchema schema, Table table, double[] predictions, ReferenceOptions options) {
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException("reference statistics need at least one row");
        }
        if (predictions.length != table.rowCount()) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + table.rowCount() + " rows");
        }
        List<FeatureReference> features = new ArrayList<>();
        for (Feature feature : schema.features()) {
            features.add(feature.type() == ColumnType.NUMERIC
                    ? numeric(feature.name(), table.numeric(feature.name()).toArray(), options.bins())
                    : categorical(table.categorical(feature.name()), options.maxCategories()));
        }
        return new ReferenceStatistics(table.rowCount(), features,
                numeric(ReferenceStatistics.PREDICTION, predictions, options.bins()));
    }

    static NumericReference numeric(String name, double[] values, int bins) {
        double[] sorted = NumericColumn.of(name, values).sortedPresentValues();
        int n = sorted.length;
        double nullRate = (double) (values.length - n) / values.length;
        if (n == 0) {
            return new NumericReference(name, new double[0], new double[] {0}, nullRate, 0, 0);
        }
        double[] edges = quantileEdges(sorted, bins);
        long[] counts = new long[edges.length + 1];
        double sum = 0;
        for (double value : sorted) {
            counts[NumericReference.binOf(edges, value)]++;
            sum += value;
        }
        double mean = sum / n;
        double squares = 0;
        for (double value : sorted) {
            squares += (value - mean) * (value - mean);
        }
        return new NumericReference(name, edges, shares(counts, n), nullRate, mean, Math.sqrt(squares / n));
    }

    /** The k/bins empirical quantiles (k = 1..bins-1), the lower value at a tie, repeated edges dropped. */
    private static double[] quantileEdges(double[] sorted, int bins) {
        double[] edges = new double[bins - 1];
        int count = 0;
        for (int k = 1; k < bins; k++) {
            int index = (int) Math.ceil((double) k * sorted.length / bins) - 1;
            double edge = sorted[Math.max(index, 0)];
            if (count == 0 || edge > edges[count - 1]) {
                edges[count++] = edge;
            }
        }
        return Arrays.copyOf(edges, count);
    }

    private static CategoricalReference categorical(CategoricalColumn column, int maxCategories) {
        Map<String, Integer> counts = column.categoryCounts();
        int present = column.size() - column.missingCount();
        double nullRate = (double) column.missingCount() / column.size();
        List<String> kept = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(maxCategories)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        long[] binCounts = new long[kept.size() + 1];
        long keptTotal = 0;
        for (int i = 0; i < kept.size(); i++) {
            binCounts[i] = counts.get(kept.get(i));
            keptTotal += binCounts[i];
        }
        binCounts[kept.size()] = present - keptTotal;
        return new CategoricalReference(column.name(), kept, present == 0 ? new double[kept.size() + 1]
                : shares(binCounts, present), nullRate);
    }

    static double[] shares(long[] counts, long total) {
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = (double) counts[i] / total;
        }
        return shares;
    }
}
