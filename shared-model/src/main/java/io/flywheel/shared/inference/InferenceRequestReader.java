package io.flywheel.shared.inference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Open Inference Protocol request body in one streaming pass, straight into primitive arrays. Bytes that are
 * not JSON are a 400 naming the line and column; JSON of the wrong shape is a 422 naming the field as the client wrote
 * it ({@code inputs[2].shape}); more elements than the caller allows is a 413, found before they are all stored.
 * {@code NaN} and {@code Infinity} literals (which Python's {@code json} writes) are read, so that the check against
 * the model can name the row that holds them. Unknown fields are ignored, as the protocol's extensions expect.
 */
public final class InferenceRequestReader {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final JsonParser parser;
    private final long maxElements;
    private long elements;

    private InferenceRequestReader(JsonParser parser, long maxElements) {
        this.parser = parser;
        this.maxElements = maxElements;
    }

    /**
     * Reads a request body.
     *
     * @param body        the raw bytes
     * @param maxElements the most tensor elements (over all inputs) the caller will score; more is a 413
     */
    public static InferenceRequest read(byte[] body, long maxElements) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "the body is empty; send an inference request: {\"inputs\": [...]}");
        }
        try (JsonParser parser = JSON.createParser(body)) {
            InferenceRequest request = new InferenceRequestReader(parser, maxElements).request();
            if (parser.nextToken() != null) {
                throw malformed("there is content after the end of the request object", parser);
            }
            return request;
        } catch (JsonProcessingException e) {
            throw malformed(e.getOriginalMessage(), e.getLocation() == null ? -1 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? -1 : e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "the body cannot be read: " + e.getMessage());
        }
    }

    private InferenceRequest request() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw invalid("$", "must be an inference request object: {\"inputs\": [...]}");
        }
        String id = null;
        Map<String, Object> parameters = Map.of();
        List<RequestInput> inputs = null;
        List<String> outputs = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = scalarText(value, "id");
                case "parameters" -> parameters = parameters("parameters");
                case "inputs" -> inputs = inputs();
                case "outputs" -> outputs = outputs();
                default -> parser.skipChildren();
            }
        }
        if (inputs == null) {
            throw invalid("inputs", "is required: one tensor per feature, or one [rows, features] tensor");
        }
        return new InferenceRequest(id, parameters, inputs, outputs);
    }

    private List<RequestInput> inputs() throws IOException {
        expect(JsonToken.START_ARRAY, "inputs", "must be an array of input tensors");
        List<RequestInput> inputs = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            inputs.add(input("inputs[" + inputs.size() + "]"));
        }
        if (inputs.isEmpty()) {
            throw invalid("inputs", "must hold at least one input tensor");
        }
        return inputs;
    }

    private RequestInput input(String path) throws IOException {
        expect(JsonToken.START_OBJECT, path, "must be an input tensor: {\"name\", \"shape\", \"datatype\", \"data\"}");
        String name = null;
        long[] shape = null;
        String datatype = null;
        Map<String, Object> parameters = Map.of();
        TensorData data = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> name = string(value, path + ".name");
                case "shape" -> shape = shape(path + ".shape");
                case "datatype" -> datatype = string(value, path + ".datatype");
                case "parameters" -> parameters = parameters(path + ".parameters");
                case "data" -> data = data(path + ".data");
                default -> parser.skipChildren();
            }
        }
        return new RequestInput(name, shape, datatype, parameters, data);
    }

    private long[] shape(String path) throws IOException {
        expect(JsonToken.START_ARRAY, path, "must be an array of dimensions, e.g. [3] for 3 rows");
        long[] shape = new long[4];
        int rank = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            String dimension = path + "[" + rank + "]";
            if (token != JsonToken.VALUE_NUMBER_INT) {
                throw invalid(dimension, "must be a whole number");
            }
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER || parser.getLongValue() < 0) {
                throw invalid(dimension, "must be a dimension from 0 to " + Long.MAX_VALUE + ", was "
                        + parser.getText());
            }
            if (rank == shape.length) {
                shape = Arrays.copyOf(shape, rank * 2);
            }
            shape[rank++] = parser.getLongValue();
        }
        return Arrays.copyOf(shape, rank);
    }

    private TensorData data(String path) throws IOException {
        expect(JsonToken.START_ARRAY, path, "must be an array of the tensor's elements in row-major order");
        TensorData data = new TensorData();
        elements(data, path);
        return data;
    }

    /** The elements of an array and of any arrays nested in it, in order; Jackson bounds the nesting depth. */
    private void elements(TensorData data, String path) throws IOException {
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.START_ARRAY) {
                elements(data, path);
                continue;
            }
            if (++elements > maxElements) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the request holds more than "
                        + maxElements + " tensor elements, more than this model scores in one request; split it");
            }
            switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> data.addNumber(parser.getDoubleValue());
                case VALUE_STRING -> data.addString(parser.getText());
                case VALUE_NULL -> data.addNull();
                case VALUE_TRUE, VALUE_FALSE -> data.addBoolean(token == JsonToken.VALUE_TRUE);
                default -> throw invalid(path + "[" + data.size() + "]",
                        "must be a number, a string, a boolean or null, not an object");
            }
        }
    }

    private List<String> outputs() throws IOException {
        expect(JsonToken.START_ARRAY, "outputs", "must be an array of requested outputs: [{\"name\": ...}]");
        List<String> names = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String path = "outputs[" + names.size() + "]";
            expect(JsonToken.START_OBJECT, path, "must be a requested output: {\"name\": ...}");
            String name = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("name")) {
                    name = string(value, path + ".name");
                } else {
                    parser.skipChildren();
                }
            }
            if (name == null) {
                throw invalid(path + ".name", "is required");
            }
            names.add(name);
        }
        return names;
    }

    /** Scalar parameters by name; structured values (which some clients add) are skipped, nulls left out. */
    private Map<String, Object> parameters(String path) throws IOException {
        expect(JsonToken.START_OBJECT, path, "must be an object of parameters");
        Map<String, Object> parameters = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (value) {
                case VALUE_STRING -> parameters.put(name, parser.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parameters.put(name, parser.getNumberValue());
                case VALUE_TRUE, VALUE_FALSE -> parameters.put(name, value == JsonToken.VALUE_TRUE);
                default -> parser.skipChildren();
            }
        }
        return parameters;
    }

    private String string(JsonToken token, String path) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw invalid(path, "must be a string");
        }
        return parser.getText();
    }

    /** A string, or the text of a number (some clients send numeric request ids). */
    private String scalarText(JsonToken token, String path) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getText();
        }
        return string(token, path);
    }

    private void expect(JsonToken wanted, String path, String message) throws IOException {
        if (parser.currentToken() != wanted) {
            throw invalid(path, message);
        }
    }

    static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST, "`" + field + "` " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    private static ProblemException malformed(String message, JsonParser parser) {
        return malformed(message, parser.currentLocation().getLineNr(), parser.currentLocation().getColumnNr());
    }

    private static ProblemException malformed(String message, int line, int column) {
        String where = line < 0 ? "" : " (line " + line + ", column " + column + ")";
        String first = message == null ? "unreadable JSON" : message.lines().findFirst().orElse(message);
        return new ProblemException(ProblemType.MALFORMED_REQUEST, "the body is not valid JSON: " + first + where);
    }
}
