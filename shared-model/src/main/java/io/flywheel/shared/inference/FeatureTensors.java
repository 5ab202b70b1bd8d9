package io.flywheel.shared.inference;

import io.flywheel.shared.data.Cells;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.tabular.FeatureBatch;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks the input tensors of a request against a model's features and turns them into rows to score. Two layouts
 * are accepted: one tensor per feature, named after it, of shape {@code [rows]} or {@code [rows, 1]} (numbers in a
 * numeric datatype, categories as {@code BYTES}); or a single tensor of shape {@code [rows, features]} with the
 * features in schema order ({@code BYTES} when some feature is categorical: numbers may then be JSON numbers or
 * numeric strings). {@code null} is a missing value. Everything wrong is reported at once as a 422 naming the tensor
 * and the row ({@code inputs[2].data[7]}); more rows than allowed is a 413, found from the shapes before any element
 * is looked at.
 */
public final class FeatureTensors {

    private FeatureTensors() {
    }

    /** The request's rows for a model of this schema. */
    public static TensorBatch toBatch(InferenceRequest request, FeatureSchema schema, int maxRows) {
        List<RequestInput> inputs = request.inputs();
        if (inputs.size() == 1 && isMatrix(inputs.get(0), schema)) {
            return matrix(inputs.get(0), schema, maxRows);
        }
        return named(inputs, schema, maxRows);
    }

    private static boolean isMatrix(RequestInput input, FeatureSchema schema) {
        return input.shape() != null && input.shape().length == 2 && input.name() != null
                && indexOf(schema, input.name()) < 0;
    }

    private static TensorBatch named(List<RequestInput> inputs, FeatureSchema schema, int maxRows) {
        List<Feature> features = schema.features();
        FieldErrors errors = new FieldErrors();
        int[] given = new int[features.size()];
        Arrays.fill(given, -1);
        long rows = -1;
        for (int i = 0; i < inputs.size(); i++) {
            RequestInput input = inputs.get(i);
            String path = "inputs[" + i + "]";
            int feature = input.name() == null ? -1 : indexOf(schema, input.name());
            if (!complete(input, path, errors)) {
                if (feature >= 0 && given[feature] < 0) {
                    given[feature] = i; // reported as incomplete, not also as missing
                }
                continue;
            }
            if (feature < 0) {
                errors.add(path + ".name", "`" + input.name() + "` is not an input of this model; its inputs are "
                        + names(features));
            } else if (given[feature] >= 0) {
                errors.add(path + ".name", "`" + input.name() + "` is given twice (also inputs[" + given[feature] + "])");
            } else if (!(input.shape().length == 1 || input.shape().length == 2 && input.shape()[1] == 1)) {
                given[feature] = i;
                errors.add(path + ".shape", "must be [rows] or [rows, 1] for one feature, was "
                        + Arrays.toString(input.shape()));
            } else {
                given[feature] = i;
                if (rows < 0) {
                    rows = input.shape()[0];
                } else if (input.shape()[0] != rows) {
                    errors.add(path + ".shape", "has " + input.shape()[0] + " rows, the inputs before it " + rows);
                }
                checkDatatype(features.get(feature), Datatype.of(input.datatype()).orElseThrow(), path, errors);
            }
        }
        requireRowCount(Math.max(rows, 0), maxRows, "inputs[0].shape");
        for (int f = 0; f < features.size(); f++) {
            if (given[f] < 0) {
                errors.add("inputs", "has no tensor for feature `" + features.get(f).name() + "` ("
                        + expectedDatatype(features.get(f)) + ", shape [" + Math.max(rows, 1) + "])");
            }
        }
        errors.throwIfAny();
        if (rows == 0) {
            throw noRows("inputs[" + given[0] + "].shape");
        }
        Object[] columns = new Object[features.size()];
        for (int f = 0; f < features.size(); f++) {
            RequestInput input = inputs.get(given[f]);
            String path = "inputs[" + given[f] + "]";
            if (input.data().size() != rows) {
                errors.add(path + ".data", "has " + input.data().size() + " elements but shape "
                        + Arrays.toString(input.shape()) + " needs " + rows);
            } else {
                columns[f] = column(features.get(f), input, path, errors);
            }
        }
        errors.throwIfAny();
        return batch(schema, (int) rows, columns);
    }

    private static TensorBatch matrix(RequestInput input, FeatureSchema schema, int maxRows) {
        String path = "inputs[0]";
        FieldErrors errors = new FieldErrors();
        if (!complete(input, path, errors)) {
            errors.throwIfAny();
        }
        List<Feature> features = schema.features();
        long rows = input.shape()[0];
        long width = input.shape()[1];
        requireRowCount(rows, maxRows, path + ".shape");
        if (rows == 0) {
            throw noRows(path + ".shape");
        }
        if (width != features.size()) {
            throw InferenceRequestReader.invalid(path + ".shape", "has " + width + " columns but the model has "
                    + features.size() + " features, in this order: " + names(features));
        }
        Datatype type = Datatype.of(input.datatype()).orElseThrow();
        List<String> categorical = features.stream().filter(f -> f.type() == ColumnType.CATEGORICAL)
                .map(Feature::name).toList();
        if (type != Datatype.BYTES && !(type.numeric() && categorical.isEmpty())) {
            throw InferenceRequestReader.invalid(path + ".datatype", categorical.isEmpty()
                    ? "must be numeric (FP64, FP32, INT64, ...) or BYTES, was " + type
                    : "must be BYTES: the model has categorical features (" + String.join(", ", categorical) + ")");
        }
        if (input.data().size() != rows * width) {
            throw InferenceRequestReader.invalid(path + ".data", "has " + input.data().size()
                    + " elements but shape " + Arrays.toString(input.shape()) + " needs " + rows * width);
        }
        Object[] columns = new Object[features.size()];
        for (int f = 0; f < features.size(); f++) {
            columns[f] = matrixColumn(features.get(f), f, (int) rows, input.data(), type, path, errors);
        }
        errors.throwIfAny();
        return batch(schema, (int) rows, columns);
    }

    private static Object matrixColumn(Feature feature, int column, int rows, TensorData data, Datatype type,
                                       String path, FieldErrors errors) {
        int width = data.size() / rows;
        boolean numeric = feature.type() == ColumnType.NUMERIC;
        double[] numbers = numeric ? new double[rows] : null;
        String[] strings = numeric ? null : new String[rows];
        for (int row = 0; row < rows; row++) {
            int index = row * width + column;
            String where = "row " + row + ", feature `" + feature.name() + "` (column " + column + ")";
            String problem = numeric ? numberAt(data, index, type, numbers, row) : stringAt(data, index, strings, row);
            if (problem != null) {
                errors.add(path + ".data[" + index + "]", where + " " + problem);
                return null;
            }
        }
        return numeric ? numbers : strings;
    }

    private static Object column(Feature feature, RequestInput input, String path, FieldErrors errors) {
        TensorData data = input.data();
        Datatype type = Datatype.of(input.datatype()).orElseThrow();
        boolean numeric = feature.type() == ColumnType.NUMERIC;
        double[] numbers = numeric ? new double[data.size()] : null;
        String[] strings = numeric ? null : new String[data.size()];
        for (int row = 0; row < data.size(); row++) {
            String problem = numeric ? numberAt(data, row, type, numbers, row) : stringAt(data, row, strings, row);
            if (problem != null) {
                errors.add(path + ".data[" + row + "]", "row " + row + " of `" + feature.name() + "` " + problem);
                return null;
            }
        }
        return numeric ? numbers : strings;
    }

    /** Stores element {@code index} as a number at {@code row}; returns what is wrong with it, or null. */
    private static String numberAt(TensorData data, int index, Datatype type, double[] into, int row) {
        switch (data.kind(index)) {
            case NULL -> into[row] = Double.NaN;
            case NUMBER -> {
                double value = data.number(index);
                if (type.integral() && (value != Math.rint(value) || type.unsigned() && value < 0)) {
                    return "is " + value + ", which is not a " + type + " value";
                }
                into[row] = value;
            }
            case STRING -> {
                String text = Cells.normalize(data.string(index));
                double value = text == null ? Double.NaN : Cells.parseNumber(text);
                if (type != Datatype.BYTES || text != null && Double.isNaN(value)) {
                    return "is the string \"" + abbreviate(data.string(index)) + "\"; send a number (null when missing)";
                }
                into[row] = value;
            }
            case NON_FINITE -> {
                return "is " + data.number(index) + "; send a finite number, or null for a missing value";
            }
            default -> {
                return "is a boolean; send a number (null when missing)";
            }
        }
        return null;
    }

    private static String stringAt(TensorData data, int index, String[] into, int row) {
        switch (data.kind(index)) {
            case STRING -> into[row] = data.string(index);
            case NULL -> into[row] = null;
            default -> {
                return "is not a string; the feature is categorical: send its category as a string (null when missing)";
            }
        }
        return null;
    }

    /** Whether the tensor has a name, a known datatype, a shape and data; adds what is missing to the errors. */
    private static boolean complete(RequestInput input, String path, FieldErrors errors) {
        boolean complete = true;
        if (input.name() == null || input.name().isBlank()) {
            errors.add(path + ".name", "is required");
            complete = false;
        }
        if (input.datatype() == null) {
            errors.add(path + ".datatype", "is required (FP64 for numbers, BYTES for categories)");
            complete = false;
        } else if (Datatype.of(input.datatype()).isEmpty()) {
            errors.add(path + ".datatype", "`" + input.datatype() + "` is not a datatype of the protocol; use one of "
                    + Arrays.stream(Datatype.values()).map(Enum::name).collect(Collectors.joining(", ")));
            complete = false;
        }
        if (input.shape() == null) {
            errors.add(path + ".shape", "is required, e.g. [rows]");
            complete = false;
        }
        if (input.data() == null) {
            errors.add(path + ".data", "is required");
            complete = false;
        }
        if (input.parameters().containsKey("binary_data_size")) {
            errors.add(path + ".parameters.binary_data_size", "the binary tensor data extension is not supported; "
                    + "send the data as JSON");
            complete = false;
        }
        return complete;
    }

    private static void checkDatatype(Feature feature, Datatype type, String path, FieldErrors errors) {
        if (feature.type() == ColumnType.NUMERIC && !type.numeric()) {
            errors.add(path + ".datatype", "feature `" + feature.name() + "` is numeric: use FP64 (or another "
                    + "numeric datatype), was " + type);
        } else if (feature.type() == ColumnType.CATEGORICAL && type != Datatype.BYTES) {
            errors.add(path + ".datatype", "feature `" + feature.name() + "` is categorical: use BYTES (strings), was "
                    + type);
        }
    }

    private static void requireRowCount(long rows, int maxRows, String field) {
        if (rows > maxRows) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "`" + field + "` asks for " + rows
                    + " rows; at most " + maxRows + " are scored in one request: split the batch");
        }
    }

    private static ProblemException noRows(String field) {
        return InferenceRequestReader.invalid(field, "has no rows; a request needs at least one");
    }

    private static TensorBatch batch(FeatureSchema schema, int rows, Object[] columns) {
        FeatureBatch.Builder builder = FeatureBatch.builder(schema, rows);
        List<Feature> features = schema.features();
        for (int f = 0; f < features.size(); f++) {
            if (columns[f] instanceof double[] numbers) {
                builder.numeric(features.get(f).name(), numbers);
            } else {
                builder.categorical(features.get(f).name(), (String[]) columns[f]);
            }
        }
        return new TensorBatch(builder.build(), columns);
    }

    static String expectedDatatype(Feature feature) {
        return feature.type() == ColumnType.NUMERIC ? "FP64" : "BYTES";
    }

    private static int indexOf(FeatureSchema schema, String name) {
        List<Feature> features = schema.features();
        for (int f = 0; f < features.size(); f++) {
            if (features.get(f).name().equals(name)) {
                return f;
            }
        }
        return -1;
    }

    private static String names(List<Feature> features) {
        return features.stream().map(Feature::name).collect(Collectors.joining(", "));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
