package io.flywheel.shared.tabular;

import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows to score, one column per feature — the shape of Open Inference Protocol named tensors: numeric features as
 * {@code double[]} ({@code NaN} = missing), categorical ones as {@code String[]} ({@code null} = missing). The batch
 * reads the caller's arrays without copying; do not change them while it is scored. Building it checks everything
 * (every feature present once, the right kind, the right length, no infinities) and reports every problem at once
 * as a 422 naming the features.
 */
public final class FeatureBatch {

    private final FeatureSchema schema;
    private final int rows;
    private final double[][] numeric;
    private final String[][] categorical;

    private FeatureBatch(FeatureSchema schema, int rows, double[][] numeric, String[][] categorical) {
        this.schema = schema;
        this.rows = rows;
        this.numeric = numeric;
        this.categorical = categorical;
    }

    /** A builder of {@code rows} rows for a model with this schema. */
    public static Builder builder(FeatureSchema schema, int rows) {
        return new Builder(schema, rows);
    }

    /** The features of every row of a table (extra columns, such as the label, are ignored). */
    public static FeatureBatch of(FeatureSchema schema, Table table) {
        Builder builder = builder(schema, table.rowCount());
        for (Feature feature : schema.features()) {
            if (!table.has(feature.name())) {
                continue;
            }
            if (table.column(feature.name()) instanceof NumericColumn column) {
                builder.numeric(feature.name(), column.toArray());
            } else {
                builder.categorical(feature.name(), table.categorical(feature.name()).toArray());
            }
        }
        return builder.build();
    }

    public int rows() {
        return rows;
    }

    public FeatureSchema schema() {
        return schema;
    }

    double[][] numericColumns() {
        return numeric;
    }

    String[][] categoricalColumns() {
        return categorical;
    }

    /** Collects the columns of a batch; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {

        private final FeatureSchema schema;
        private final int rows;
        private final double[][] numeric;
        private final String[][] categorical;
        private final List<Problem.FieldError> errors = new ArrayList<>();

        private Builder(FeatureSchema schema, int rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("a batch cannot have " + rows + " rows");
            }
            this.schema = schema;
            this.rows = rows;
            this.numeric = new double[schema.features().size()][];
            this.categorical = new String[schema.features().size()][];
        }

        /** The values of a numeric feature. */
        public Builder numeric(String feature, double[] values) {
            int index = locate(feature, ColumnType.NUMERIC, values == null ? -1 : values.length);
            if (index >= 0) {
                numeric[index] = values;
            }
            return this;
        }

        /** The values of a categorical feature. */
        public Builder categorical(String feature, String[] values) {
            int index = locate(feature, ColumnType.CATEGORICAL, values == null ? -1 : values.length);
            if (index >= 0) {
                categorical[index] = values;
            }
            return this;
        }

        /** The batch, or a 422 problem naming every feature that is missing, unknown, of the wrong kind or length. */
        public FeatureBatch build() {
            List<Feature> features = schema.features();
            for (int f = 0; f < features.size(); f++) {
                if (numeric[f] == null && categorical[f] == null && !named(features.get(f).name())) {
                    errors.add(new Problem.FieldError(features.get(f).name(), "is missing"));
                } else if (numeric[f] != null) {
                    checkFinite(features.get(f).name(), numeric[f]);
                }
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, describe(errors), List.copyOf(errors));
            }
            return new FeatureBatch(schema, rows, numeric, categorical);
        }

        private int locate(String feature, ColumnType kind, int length) {
            int index = indexOf(feature);
            if (index < 0) {
                errors.add(new Problem.FieldError(String.valueOf(feature), "is not a feature of the model; its features are "
                        + String.join(", ", schema.features().stream().map(Feature::name).toList())));
            } else if (numeric[index] != null || categorical[index] != null) {
                errors.add(new Problem.FieldError(feature, "is given more than once"));
            } else if (schema.features().get(index).type() != kind) {
                errors.add(new Problem.FieldError(feature, kind == ColumnType.NUMERIC
                        ? "is categorical: send strings" : "is numeric: send numbers"));
            } else if (length != rows) {
                errors.add(new Problem.FieldError(feature, "has " + Math.max(length, 0)
                        + " values but the batch has " + rows + " rows"));
            } else {
                return index;
            }
            return -1;
        }

        private int indexOf(String feature) {
            List<Feature> features = schema.features();
            for (int f = 0; f < features.size(); f++) {
                if (features.get(f).name().equals(feature)) {
                    return f;
                }
            }
            return -1;
        }

        private boolean named(String feature) {
            for (Problem.FieldError error : errors) {
                if (error.field().equals(feature)) {
                    return true;
                }
            }
            return false;
        }

        private void checkFinite(String feature, double[] values) {
            for (int row = 0; row < values.length; row++) {
                if (Double.isInfinite(values[row])) {
                    errors.add(new Problem.FieldError(feature, "value at index " + row + " is " + values[row]
                            + "; send a finite number, or null/NaN for a missing value"));
                    return;
                }
            }
        }

        private static String describe(List<Problem.FieldError> errors) {
            Problem.FieldError first = errors.get(0);
            String summary = "feature `" + first.field() + "` " + first.message();
            return errors.size() == 1 ? summary : summary + " (and " + (errors.size() - 1) + " more problem"
                    + (errors.size() == 2 ? "" : "s") + ")";
        }
    }
}
