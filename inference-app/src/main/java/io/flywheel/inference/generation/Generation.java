package io.flywheel.inference.generation;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.util.List;

/**
 * A generated answer and where it came from.
 *
 * @param text             the answer (still pseudonymised: output safety comes next)
 * @param provider         the provider that answered, or {@link ExtractiveAnswerer#PROVIDER}
 * @param model            the provider's model id
 * @param promptTokens     tokens of the prompt, as the provider counted them (estimated when it did not say)
 * @param completionTokens tokens of the answer
 * @param degraded         whether the answer comes from a later stage than the configured primary route
 * @param degradedReason   why, or {@code null}
 * @param toolCalls        the tools the model asks to call (agent mode); empty for a final answer
 */
public record Generation(String text, String provider, String model, int promptTokens, int completionTokens,
                         boolean degraded, String degradedReason, List<ToolExecutionRequest> toolCalls) {

    public Generation {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public Generation degradedBecause(String reason) {
        return new Generation(text, provider, model, promptTokens, completionTokens, true, reason, toolCalls);
    }

    public boolean wantsTools() {
        return !toolCalls.isEmpty();
    }
}
