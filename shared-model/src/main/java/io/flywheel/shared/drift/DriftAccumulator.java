package io.flywheel.shared.drift;

import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts live values into the bins of a {@link ReferenceStatistics}, so that any number of rows can be streamed in
 * (row by row, or a table at a time) without being kept; {@link #report} then compares the counts with the reference.
 * Numeric values are binned on the reference edges by binary search, categories by lookup (an unseen category counts
 * as "other"), missing values in their own bin. Not thread-safe: give each thread its own and {@link #merge} them.
 * The counts travel as one {@code long[]} ({@link #counts()}, {@link #addCounts}): inference pods bin what they serve
 * and mlops-app sums their arrays, with exactly the report binning the rows in one place gives.
 */
public final class DriftAccumulator {

    /**
     * The layout of {@link #counts()}, stored next to the arrays: 1 = every feature's bins in reference order (value
     * bins, for a categorical feature "other" last among them, then missing), then the prediction's bins likewise.
     */
    public static final int COUNTS_ENCODING = 1;

    private static final MathContext LABEL_PRECISION = new MathContext(6);

    private final ReferenceStatistics reference;
    private final double[][] edges;
    private final long[][] counts;
    private final long[] predictionCounts;
    private final Map<String, Integer>[] categoryBins;
    private final Map<String, Integer> featureIndex = new HashMap<>();

    @SuppressWarnings("unchecked")
    public DriftAccumulator(ReferenceStatistics reference) {
        this.reference = reference;
        List<FeatureReference> features = reference.features();
        counts = new long[features.size()][];
        edges = new double[features.size()][];
        categoryBins = new Map[features.size()];
        for (int f = 0; f < features.size(); f++) {
            FeatureReference feature = features.get(f);
            featureIndex.put(feature.feature(), f);
            counts[f] = new long[feature.binCount() + 1];
            if (feature instanceof NumericReference numeric) {
                edges[f] = numeric.edges().clone();
            }
            if (feature instanceof CategoricalReference categorical) {
                categoryBins[f] = new HashMap<>();
                for (int c = 0; c < categorical.categories().size(); c++) {
                    categoryBins[f].put(categorical.categories().get(c), c);
                }
            }
        }
        predictionCounts = new long[reference.prediction().binCount() + 1];
    }

    /** Position of a feature for the {@code add} methods; look it up once, not per row. */
    public int indexOf(String feature) {
        Integer index = featureIndex.get(feature);
        if (index == null) {
            throw new IllegalArgumentException("`" + feature + "` is not a feature of the reference");
        }
        return index;
    }

    /** One value of a numeric feature; {@code NaN} is missing. */
    public void addNumeric(int feature, double value) {
        long[] bins = counts[feature];
        bins[Double.isNaN(value) ? bins.length - 1 : NumericReference.binOf(edges[feature], value)]++;
    }

    /** One value of a categorical feature; {@code null} is missing, an unseen category counts as "other". */
    public void addCategorical(int feature, String value) {
        long[] bins = counts[feature];
        if (value == null) {
            bins[bins.length - 1]++;
            return;
        }
        Integer bin = categoryBins[feature].get(value);
        bins[bin == null ? bins.length - 2 : bin]++;
    }

    /** One predicted probability; {@code NaN} is missing. */
    public void addPrediction(double probability) {
        predictionCounts[Double.isNaN(probability) ? predictionCounts.length - 1
                : NumericReference.binOf(reference.prediction().edges(), probability)]++;
    }

    /** Every row of a table holding (at least) the reference's features, column by column. */
    public void add(Table table) {
        for (int f = 0; f < counts.length; f++) {
            Column column = table.column(reference.features().get(f).feature());
            if (categoryBins[f] == null) {
                NumericColumn values = table.numeric(column.name());
                for (int row = 0; row < values.size(); row++) {
                    addNumeric(f, values.value(row));
                }
            } else {
                CategoricalColumn values = table.categorical(column.name());
                for (int row = 0; row < values.size(); row++) {
                    addCategorical(f, values.value(row));
                }
            }
        }
    }

    /** Every predicted probability in the array. */
    public void addPredictions(double[] probabilities) {
        for (double probability : probabilities) {
            addPrediction(probability);
        }
    }

    /**
     * Every row of a batch, column by column in reference order: a {@code double[]} ({@code NaN} missing) for a
     * numeric feature, a {@code String[]} ({@code null} missing) for a categorical one — how a request's rows are
     * held for scoring — and the rows' predicted probabilities.
     */
    public void addColumns(Object[] columns, double[] probabilities) {
        if (columns.length != counts.length) {
            throw new IllegalArgumentException("the batch has " + columns.length + " columns; the reference has "
                    + counts.length + " features");
        }
        for (int f = 0; f < columns.length; f++) { // all checked before any is counted: no partial batch
            if (!(categoryBins[f] == null ? columns[f] instanceof double[] : columns[f] instanceof String[])) {
                throw new IllegalArgumentException("column " + f + " does not hold the values of `"
                        + reference.features().get(f).feature() + "` (" + (categoryBins[f] == null ? "numbers"
                        : "categories") + ")");
            }
        }
        for (int f = 0; f < columns.length; f++) {
            if (columns[f] instanceof double[] numbers) {
                for (double value : numbers) {
                    addNumeric(f, value);
                }
            } else {
                for (String value : (String[]) columns[f]) {
                    addCategorical(f, value);
                }
            }
        }
        addPredictions(probabilities);
    }

    /** Rows counted so far: each row counts one prediction. */
    public long rows() {
        long rows = 0;
        for (long count : predictionCounts) {
            rows += count;
        }
        return rows;
    }

    /** The length of {@link #counts()} for this reference. */
    public int countsLength() {
        int length = predictionCounts.length;
        for (long[] bins : counts) {
            length += bins.length;
        }
        return length;
    }

    /** Every count in one array, in the layout {@link #COUNTS_ENCODING}: what an inference pod stores per minute. */
    public long[] counts() {
        long[] encoded = new long[countsLength()];
        int at = 0;
        for (long[] bins : counts) {
            System.arraycopy(bins, 0, encoded, at, bins.length);
            at += bins.length;
        }
        System.arraycopy(predictionCounts, 0, encoded, at, predictionCounts.length);
        return encoded;
    }

    /**
     * Adds counts made by {@link #counts()} of an accumulator of the same reference (or their element-wise sum).
     *
     * @throws IllegalArgumentException when their length is not this reference's layout, or a count is negative
     */
    public void addCounts(long[] encoded) {
        if (encoded.length != countsLength()) {
            throw new IllegalArgumentException("the drift counts have " + encoded.length + " entries; the reference's "
                    + "bins need " + countsLength() + " (" + counts.length + " features and the prediction)");
        }
        for (long count : encoded) {
            if (count < 0) {
                throw new IllegalArgumentException("the drift counts hold a negative count: " + count);
            }
        }
        int at = 0;
        for (long[] bins : counts) {
            for (int b = 0; b < bins.length; b++) {
                bins[b] += encoded[at++];
            }
        }
        for (int b = 0; b < predictionCounts.length; b++) {
            predictionCounts[b] += encoded[at++];
        }
    }

    /** Adds another accumulator's counts (same reference) to this one. */
    public void merge(DriftAccumulator other) {
        if (other.reference != reference && !other.reference.equals(reference)) {
            throw new IllegalArgumentException("only accumulators of the same reference can be merged");
        }
        for (int f = 0; f < counts.length; f++) {
            for (int b = 0; b < counts[f].length; b++) {
                counts[f][b] += other.counts[f][b];
            }
        }
        for (int b = 0; b < predictionCounts.length; b++) {
            predictionCounts[b] += other.predictionCounts[b];
        }
    }

    /** PSI and KL of everything added so far, with the default floor {@link Divergence#DEFAULT_EPSILON}. */
    public DriftReport report() {
        return report(Divergence.DEFAULT_EPSILON);
    }

    /** PSI and KL of everything added so far, shares floored at {@code epsilon}. */
    public DriftReport report(double epsilon) {
        List<FeatureDrift> features = new ArrayList<>(counts.length);
        for (int f = 0; f < counts.length; f++) {
            features.add(drift(reference.features().get(f), counts[f], epsilon));
        }
        return new DriftReport(epsilon, features, drift(reference.prediction(), predictionCounts, epsilon));
    }

    private static FeatureDrift drift(FeatureReference feature, long[] bins, double epsilon) {
        long total = 0;
        for (long count : bins) {
            total += count;
        }
        double[] expected = feature.binShares();
        double[] live = new double[bins.length];
        for (int b = 0; b < bins.length; b++) {
            live[b] = total == 0 ? 0 : (double) bins[b] / total;
        }
        Double psi = total == 0 ? null : Divergence.psi(expected, live, epsilon);
        Double kl = total == 0 ? null : Divergence.kl(expected, live, epsilon);
        return new FeatureDrift(feature.feature(), total, psi, kl, labels(feature), expected, live);
    }

    private static List<String> labels(FeatureReference feature) {
        List<String> labels = new ArrayList<>();
        if (feature instanceof NumericReference numeric) {
            double[] edges = numeric.edges();
            if (edges.length == 0) {
                labels.add("all values");
            } else {
                labels.add("<= " + format(edges[0]));
                for (int i = 1; i < edges.length; i++) {
                    labels.add("(" + format(edges[i - 1]) + ", " + format(edges[i]) + "]");
                }
                labels.add("> " + format(edges[edges.length - 1]));
            }
        } else {
            labels.addAll(((CategoricalReference) feature).categories());
            labels.add("other");
        }
        labels.add("missing");
        return labels;
    }

    /** An edge with six significant digits at most: {@code 7.2}, {@code 100000}, {@code 0.354344}. */
    private static String format(double value) {
        return new BigDecimal(value).round(LABEL_PRECISION).stripTrailingZeros().toPlainString();
    }
}
