package io.flywheel.shared.data;

import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a binary classifier reads and predicts: its features in order, the label column, and the two classes.
 *
 * @param features      the model inputs, in the order the encoder and the scorer use
 * @param label         the label column
 * @param classes       the two classes, always stored as {@code [negative, positive]}
 * @param positiveClass the class whose probability the model predicts
 */
public record FeatureSchema(List<Feature> features, String label, List<String> classes, String positiveClass) {

    public FeatureSchema {
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one feature");
        }
        features = List.copyOf(features);
        Table.requireName(label);
        Map<String, Feature> seen = new HashMap<>();
        for (Feature feature : features) {
            if (seen.put(feature.name(), feature) != null) {
                throw new IllegalArgumentException("feature `" + feature.name() + "` appears more than once");
            }
        }
        if (seen.containsKey(label)) {
            throw new IllegalArgumentException("the label `" + label + "` cannot also be a feature");
        }
        if (classes == null || classes.size() != 2 || classes.get(0) == null || classes.get(1) == null
                || Objects.equals(classes.get(0), classes.get(1))) {
            throw new IllegalArgumentException("a binary schema needs exactly two distinct classes, got " + classes);
        }
        if (!classes.contains(positiveClass)) {
            throw new IllegalArgumentException("positive class `" + positiveClass + "` is not one of " + classes);
        }
        String negative = classes.get(0).equals(positiveClass) ? classes.get(1) : classes.get(0);
        classes = List.of(negative, positiveClass);
    }

    /**
     * Infers the schema of a table: every column but the label is a feature (numeric or categorical as the table
     * says; categories sorted). The positive class is {@code positiveClass} when given, else the minority class
     * (on a tie, the class that sorts last, so {@code 1} and {@code true} win).
     */
    public static FeatureSchema infer(Table table, String label, String positiveClass) {
        return SchemaInference.infer(table, label, positiveClass);
    }

    public String negativeClass() {
        return classes.get(0);
    }

    /** The feature with this name, or a precise error. */
    public Feature feature(String name) {
        return features.get(indexOf(name));
    }

    /** Position of the named feature, or a precise error. */
    public int indexOf(String name) {
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST, "`" + name + "` is not a feature of the model",
                List.of(new Problem.FieldError(name, "is not a feature of the model")));
    }

    /** The label of every row as 1 (positive) or 0 (negative); a missing or unknown label is a precise error. */
    public int[] labels(Table table) {
        Column column = SchemaInference.labelColumn(table, label);
        int[] labels = new int[table.rowCount()];
        for (int row = 0; row < labels.length; row++) {
            String value = SchemaInference.labelValue(column, row);
            if (value == null) {
                throw new ProblemException(ProblemType.INVALID_DATASET,
                        "label `" + label + "` is missing on row " + (row + 1));
            }
            if (value.equals(positiveClass)) {
                labels[row] = 1;
            } else if (!value.equals(negativeClass())) {
                throw new ProblemException(ProblemType.INVALID_DATASET, "label `" + label + "` on row " + (row + 1)
                        + " is `" + value + "`, which is neither `" + negativeClass() + "` nor `" + positiveClass + "`");
            }
        }
        return labels;
    }
}
