package io.flywheel.shared.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What Flywheel adds to an OpenAI chat completion: which versions answered, from which sources, whether the answer
 * is degraded and why, what the safety checks found, and the id to give feedback on.
 *
 * @param answerId       the id of this answer for {@code POST /v1/feedback} and re-personalisation
 * @param configVersion  the {@code assistant-config} version (the built-in default is {@code "default"})
 * @param index          the {@code rag-index} model name, when an index answered
 * @param indexVersion   its version
 * @param route          {@code rag} or {@code agent}
 * @param provider       who generated the answer: a provider name, or {@code extractive}
 * @param sources        the passages the answer was built from
 * @param degraded       true when the answer did not come from the configured primary route
 * @param degradedReason why, e.g. {@code primary: timeout; fallback: circuit-open}
 * @param refused        true when the answer is the configured refusal (blocked input or output)
 * @param groundedness   share of answer sentences supported by the sources, when measured
 * @param findings       the safety findings of input and output
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlywheelInfo(@JsonProperty("answer_id") String answerId,
                           @JsonProperty("config_version") String configVersion,
                           String index,
                           @JsonProperty("index_version") Integer indexVersion,
                           String route,
                           String provider,
                           List<SourceRef> sources,
                           boolean degraded,
                           @JsonProperty("degraded_reason") String degradedReason,
                           boolean refused,
                           Double groundedness,
                           List<SafetyFinding> findings) {
}
