package io.flywheel.shared.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One server-sent event of a streamed completion (OpenAI's {@code chat.completion.chunk}). The last chunk before
 * {@code [DONE]} carries the finish reason, the usage and {@link FlywheelInfo}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionChunk(String id, String object, long created, String model, List<Choice> choices,
                                  Usage usage, FlywheelInfo flywheel) {

    public static final String OBJECT = "chat.completion.chunk";

    /** The part of the answer this chunk adds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Choice(int index, Delta delta, @JsonProperty("finish_reason") String finishReason) {
    }

    /** The role (first chunk) or the next piece of content. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content) {
    }
}
