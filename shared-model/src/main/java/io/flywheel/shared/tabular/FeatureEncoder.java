package io.flywheel.shared.tabular;

import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns raw features into the numeric vector a model is trained on and scores: one {@link FeatureEncoding} per
 * feature, in schema order, their outputs concatenated. Training and serving run the same compiled code, so a row
 * encodes identically in both.
 *
 * @param features one encoding per schema feature, in schema order
 */
public record FeatureEncoder(List<FeatureEncoding> features) {

    /** Separates a categorical feature from its category in an encoded name: {@code term=term_36}. */
    public static final String CATEGORY_SEPARATOR = "=";

    public FeatureEncoder {
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("an encoder needs at least one feature");
        }
        features = List.copyOf(features);
        Set<String> names = new HashSet<>();
        for (String name : encodedNames(features)) {
            if (!names.add(name)) {
                throw new IllegalArgumentException("encoded feature name `" + name + "` is produced twice");
            }
        }
    }

    /** Learns medians, means and scales from a training table (missing values ignored). */
    public static FeatureEncoder fit(FeatureSchema schema, Table table, EncoderOptions options) {
        List<FeatureEncoding> encodings = new ArrayList<>();
        for (Feature feature : schema.features()) {
            if (feature.type() == ColumnType.CATEGORICAL) {
                table.categorical(feature.name()); // refuses a column of the wrong kind now rather than at encode time
                encodings.add(new OneHotEncoding(feature.name(), feature.categories()));
            } else {
                encodings.add(fitNumeric(feature.name(), table.numeric(feature.name()), options));
            }
        }
        return new FeatureEncoder(encodings);
    }

    /** Width of the encoded vector. */
    public int width() {
        int width = 0;
        for (FeatureEncoding feature : features) {
            width += feature.width();
        }
        return width;
    }

    /** The name of every encoded number: the feature name, or {@code feature=category} for one-hot columns. */
    public List<String> encodedNames() {
        return encodedNames(features);
    }

    /** Every row of the table encoded, {@code [row][encoded feature]}; the table must hold every feature. */
    public double[][] encode(Table table) {
        CompiledEncoder encoder = new CompiledEncoder(this);
        double[][] numeric = new double[features.size()][];
        String[][] categorical = new String[features.size()][];
        for (int f = 0; f < features.size(); f++) {
            String name = features.get(f).feature();
            if (features.get(f) instanceof OneHotEncoding) {
                categorical[f] = table.categorical(name).toArray();
            } else {
                numeric[f] = table.numeric(name).toArray();
            }
        }
        double[][] rows = new double[table.rowCount()][width()];
        for (int row = 0; row < rows.length; row++) {
            encoder.encode(numeric, categorical, row, rows[row]);
        }
        return rows;
    }

    private static NumericEncoding fitNumeric(String name, NumericColumn column, EncoderOptions options) {
        double[] present = column.sortedPresentValues();
        if (present.length == 0 && (options.imputeMissing() || options.standardize())) {
            throw new ProblemException(ProblemType.INVALID_DATASET,
                    "feature `" + name + "` has no values to learn an encoding from");
        }
        Double impute = options.imputeMissing() ? median(present) : null;
        if (!options.standardize()) {
            return new NumericEncoding(name, impute, 0, 1);
        }
        double mean = 0;
        for (double value : present) {
            mean += value;
        }
        mean /= present.length;
        double squares = 0;
        for (double value : present) {
            squares += (value - mean) * (value - mean);
        }
        double std = Math.sqrt(squares / present.length);
        // A constant feature carries no signal; scaling it by 1 keeps it finite instead of dividing by zero.
        return new NumericEncoding(name, impute, mean, std > 0 ? std : 1);
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static List<String> encodedNames(List<FeatureEncoding> features) {
        List<String> names = new ArrayList<>();
        for (FeatureEncoding feature : features) {
            if (feature instanceof OneHotEncoding oneHot) {
                for (String category : oneHot.categories()) {
                    names.add(oneHot.feature() + CATEGORY_SEPARATOR + category);
                }
            } else {
                names.add(feature.feature());
            }
        }
        return List.copyOf(names);
    }
}
