package io.flywheel.shared.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An inference response ({@code $inference_response} of the Open Inference Protocol).
 *
 * @param modelName    the model that answered
 * @param modelVersion the version that answered (with a canary, the one this request was routed to)
 * @param id           the request's {@code id}, or one the server made when it had none
 * @param parameters   response parameters, or {@code null}
 * @param outputs      the output tensors
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceResponse(@JsonProperty("model_name") String modelName,
                                @JsonProperty("model_version") String modelVersion,
                                String id, Map<String, Object> parameters, List<ResponseOutput> outputs) {
}
