package io.flywheel.shared.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The response of {@code POST /v1/chat/completions} (OpenAI's {@code chat.completion}) plus {@link FlywheelInfo}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices, Usage usage,
                             FlywheelInfo flywheel) {

    public static final String OBJECT = "chat.completion";

    /** One answer. The gateway always returns exactly one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(int index, ChatMessage message, @JsonProperty("finish_reason") String finishReason) {
    }

    /** The text of the first choice. */
    public String text() {
        return choices.isEmpty() ? null : choices.get(0).message().content();
    }
}
