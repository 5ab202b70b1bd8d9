package io.flywheel.shared.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /v1/chat/completions}, the fields of the OpenAI API that the gateway honours. Other OpenAI
 * fields (top_p, n, tools, ...) are accepted and ignored, so that unchanged clients keep working.
 *
 * @param model       the assistant (an {@code assistant-config} model name, see {@code GET /v1/models})
 * @param messages    the conversation, oldest first
 * @param temperature sampling temperature 0..2; the assistant config's when absent
 * @param maxTokens   the answer's token limit; the assistant config's when absent
 * @param maxCompletionTokens the newer name of the same limit (OpenAI SDKs send this one); wins over max_tokens
 * @param stream      answer as server-sent events
 * @param user        an end-user id; it keys the conversation's pseudonyms when given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionRequest(String model, List<ChatMessage> messages, Double temperature,
                                    @JsonProperty("max_tokens") Integer maxTokens,
                                    @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
                                    Boolean stream, String user) {

    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    /** The answer's token limit the client asked for, whichever name it used; {@code null} when it did not. */
    public Integer tokenLimit() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }
}
