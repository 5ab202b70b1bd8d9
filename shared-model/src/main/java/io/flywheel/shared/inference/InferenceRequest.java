package io.flywheel.shared.inference;

import java.util.List;
import java.util.Map;

/**
 * An inference request ({@code $inference_request} of the Open Inference Protocol), as {@link InferenceRequestReader}
 * reads it: nothing is checked against a model yet.
 *
 * @param id         the client's identifier of the request, echoed in the response; {@code null} when absent
 * @param parameters request parameters (scalar values only), never {@code null}
 * @param inputs     the input tensors, in request order
 * @param outputs    the names of the outputs asked for, in request order; {@code null} means all of them
 */
public record InferenceRequest(String id, Map<String, Object> parameters, List<RequestInput> inputs,
                               List<String> outputs) {

    public InferenceRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        inputs = List.copyOf(inputs);
        outputs = outputs == null ? null : List.copyOf(outputs);
    }

    /** A string parameter of the request, or {@code null} when absent or not a string. */
    public String stringParameter(String name) {
        return parameters.get(name) instanceof String value ? value : null;
    }
}
