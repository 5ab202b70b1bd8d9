package io.flywheel.shared.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.List;

/**
 * Turns a JSON reading failure into the problem a client can act on: malformed JSON is a 400; JSON that parses but
 * does not fit the expected shape is a 422 naming the field the way the client wrote it ({@code inputs[0].shape}).
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static Problem from(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch) {
            String field = fieldName(mismatch.getPath());
            return Problem.of(ProblemType.INVALID_REQUEST, "field '" + field + "' " + reason(mismatch),
                    List.of(new Problem.FieldError(field, reason(mismatch))));
        }
        if (e instanceof ValueInstantiationException refused) {
            // the JSON parsed, but a constructor refused its values: a 422 naming the field and the constructor's reason
            String field = fieldName(refused.getPath());
            String reason = refused.getCause() != null && refused.getCause().getMessage() != null
                    ? refused.getCause().getMessage() : "has an invalid value";
            return Problem.of(ProblemType.INVALID_REQUEST, "field '" + field + "' is invalid: " + reason,
                    List.of(new Problem.FieldError(field, reason)));
        }
        return Problem.of(ProblemType.MALFORMED_REQUEST, "the body is not valid JSON: " + e.getOriginalMessage());
    }

    /** The dotted path of a JSON location as a client wrote it, e.g. {@code inputs[0].shape}; {@code $} for the root. */
    public static String fieldName(List<JsonMappingException.Reference> path) {
        StringBuilder name = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                name.append('[').append(reference.getIndex()).append(']');
            }
        }
        return name.isEmpty() ? "$" : name.toString();
    }

    private static String reason(MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "cannot be read as " + simpleName(invalid.getTargetType()) + " (was '" + invalid.getValue() + "')";
        }
        return e.getTargetType() == null ? "has an unexpected value" : "must be " + article(simpleName(e.getTargetType()));
    }

    private static String article(String type) {
        return switch (type) {
            case "List", "ArrayList", "Object[]" -> "an array";
            case "Map", "LinkedHashMap" -> "an object";
            default -> "a " + type;
        };
    }

    private static String simpleName(Class<?> type) {
        return type == null ? "value" : type.getSimpleName();
    }
}
