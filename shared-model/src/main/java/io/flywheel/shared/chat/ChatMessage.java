package io.flywheel.shared.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One message of an OpenAI chat conversation. {@code content} arrives either as a string or as an array of parts
 * ({@code [{"type":"text","text":"..."}]}); the text parts are joined, other parts (images) are not supported and
 * dropped, which the input checks then see as an empty message.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatMessage(String role, String content, String name) {

    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String DEVELOPER = "developer";
    public static final String TOOL = "tool";

    @JsonCreator
    public static ChatMessage fromJson(@JsonProperty("role") String role, @JsonProperty("content") Object content,
                                       @JsonProperty("name") String name) {
        return new ChatMessage(role, text(content), name);
    }

    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, null);
    }

    public ChatMessage withContent(String newContent) {
        return new ChatMessage(role, newContent, name);
    }

    private static String text(Object content) {
        if (content == null || content instanceof String) {
            return (String) content;
        }
        if (content instanceof List<?> parts) {
            StringBuilder joined = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof Map<?, ?> map && "text".equals(map.get("type")) && map.get("text") instanceof String t) {
                    if (!joined.isEmpty()) {
                        joined.append('\n');
                    }
                    joined.append(t);
                }
            }
            return joined.toString();
        }
        return String.valueOf(content);
    }
}
