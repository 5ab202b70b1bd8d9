package io.flywheel.shared.inference;

import java.util.Map;

/**
 * One input tensor of an inference request ({@code $request_input} of the Open Inference Protocol).
 *
 * @param name       the tensor's name: a feature name, or any name for a single two-dimensional tensor of all features
 * @param shape      its dimensions, {@code null} when the request gave none
 * @param datatype   the datatype as the request spelled it, {@code null} when absent
 * @param parameters its parameters (scalar values only), never {@code null}
 * @param data       its elements, {@code null} when absent
 */
public record RequestInput(String name, long[] shape, String datatype, Map<String, Object> parameters,
                           TensorData data) {

    public RequestInput {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
