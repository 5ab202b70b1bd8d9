package io.flywheel.mlops.data;

import io.flywheel.mlops.predictions.LoggedRow;
import io.flywheel.mlops.predictions.RowSink;
import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the rows of log ⨝ feedback into the columns of a table shaped like the training data: one column per
 * feature of the model's schema (a key missing from a logged row is a missing value), then the label column holding
 * the true label from feedback.
 */
final class LabelledRows implements RowSink {

    private static final int INITIAL_ROWS = 1024;

    private final FeatureSchema schema;
    private final int maxRows;
    private final double[][] numbers;
    private final String[][] categories;
    private String[] labels = new String[INITIAL_ROWS];
    private int rows;

    LabelledRows(FeatureSchema schema, int maxRows) {
        this.schema = schema;
        this.maxRows = maxRows;
        int features = schema.features().size();
        numbers = new double[features][];
        categories = new String[features][];
        for (int f = 0; f < features; f++) {
            if (schema.features().get(f).type() == ColumnType.NUMERIC) {
                numbers[f] = new double[INITIAL_ROWS];
            } else {
                categories[f] = new String[INITIAL_ROWS];
            }
        }
    }

    @Override
    public void accept(LoggedRow row) throws SQLException {
        if (rows == maxRows) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the window holds more than " + maxRows
                    + " labelled predictions (flywheel.datasets.feedback.max-rows): ask for fewer hours or rows");
        }
        if (rows == labels.length) {
            grow(rows * 2);
        }
        for (int f = 0; f < numbers.length; f++) {
            if (numbers[f] != null) {
                numbers[f][rows] = row.numeric(f);
            } else {
                categories[f][rows] = row.category(f);
            }
        }
        labels[rows++] = row.trueLabel();
    }

    int rows() {
        return rows;
    }

    Table table() {
        List<Column> columns = new ArrayList<>();
        for (int f = 0; f < numbers.length; f++) {
            String name = schema.features().get(f).name();
            columns.add(numbers[f] != null ? NumericColumn.of(name, Arrays.copyOf(numbers[f], rows))
                    : CategoricalColumn.of(name, Arrays.copyOf(categories[f], rows)));
        }
        columns.add(CategoricalColumn.of(schema.label(), Arrays.copyOf(labels, rows)));
        return Table.of(columns);
    }

    private void grow(int capacity) {
        for (int f = 0; f < numbers.length; f++) {
            if (numbers[f] != null) {
                numbers[f] = Arrays.copyOf(numbers[f], capacity);
            } else {
                categories[f] = Arrays.copyOf(categories[f], capacity);
            }
        }
        labels = Arrays.copyOf(labels, capacity);
    }
}
