package io.flywheel.shared.data;

import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a {@link FeatureSchema} off a table; every refusal names the label and what is wrong with it. */
final class SchemaInference {

    private static final int CLASSES_SHOWN = 10;

    private SchemaInference() {
    }

    static FeatureSchema infer(Table table, String label, String positiveClass) {
        if (table.rowCount() == 0) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "the table has no rows");
        }
        Column labelColumn = labelColumn(table, label);
        Map<String, Integer> counts = classCounts(labelColumn);
        if (counts.isEmpty()) {
            throw invalidLabel(label, "label `" + label + "` has no values");
        }
        if (counts.size() == 1) {
            throw invalidLabel(label, "label `" + label + "` has a single class `" + counts.keySet().iterator().next()
                    + "`; a binary classifier needs two");
        }
        if (counts.size() > 2) {
            List<String> shown = new ArrayList<>(counts.keySet()).subList(0, Math.min(CLASSES_SHOWN, counts.size()));
            throw invalidLabel(label, "label `" + label + "` has " + counts.size() + " classes (" + String.join(", ", shown)
                    + (counts.size() > CLASSES_SHOWN ? ", ..." : "") + "); a binary classifier needs exactly two");
        }
        List<String> classes = new ArrayList<>(counts.keySet());
        String positive = positiveClass != null ? positiveClass : minority(counts, classes);
        if (!classes.contains(positive)) {
            throw invalidLabel(label, "positive class `" + positive + "` is not a value of label `" + label
                    + "`; its classes are " + String.join(", ", classes));
        }
        List<Feature> features = new ArrayList<>();
        for (Column column : table.columns()) {
            if (!column.name().equals(label)) {
                features.add(column instanceof CategoricalColumn categorical
                        ? new Feature(column.name(), ColumnType.CATEGORICAL,
                                List.copyOf(categorical.categoryCounts().keySet()))
                        : Feature.numeric(column.name()));
            }
        }
        if (features.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "the table has no column besides the label `"
                    + label + "`");
        }
        return new FeatureSchema(features, label, classes, positive);
    }

    static Column labelColumn(Table table, String label) {
        if (!table.has(label)) {
            throw invalidLabel(label, "label column `" + label + "` is not in the table; the columns are "
                    + String.join(", ", table.columnNames()));
        }
        return table.column(label);
    }

    /** A label cell as text: numbers are formatted so that 1.0 reads "1". */
    static String labelValue(Column column, int row) {
        if (column instanceof NumericColumn numeric) {
            double value = numeric.value(row);
            return Double.isNaN(value) ? null : Cells.format(value);
        }
        return ((CategoricalColumn) column).value(row);
    }

    private static Map<String, Integer> classCounts(Column column) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int row = 0; row < column.size(); row++) {
            String value = labelValue(column, row);
            if (value != null) {
                counts.merge(value, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static String minority(Map<String, Integer> counts, List<String> sortedClasses) {
        String first = sortedClasses.get(0);
        String second = sortedClasses.get(1);
        return counts.get(first) < counts.get(second) ? first : second;
    }

    private static ProblemException invalidLabel(String label, String detail) {
        return new ProblemException(ProblemType.INVALID_DATASET, detail,
                List.of(new Problem.FieldError(label == null ? "label" : label, detail)));
    }
}
