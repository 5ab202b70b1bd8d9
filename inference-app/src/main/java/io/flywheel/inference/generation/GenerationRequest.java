package io.flywheel.inference.generation;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import io.flywheel.shared.assistant.AssistantConfig.Route;
import java.util.List;

/**
 * What to generate and where: the routes to try in order, the (already pseudonymised) messages, the sampling
 * parameters, and the question and passages an extractive answer is composed from when no provider can answer.
 *
 * @param primary  the route tried first
 * @param fallback the route taken when the primary fails, or {@code null}
 * @param stream   whether to ask the provider for a stream (the client asked for one)
 * @param tools    the tools the model may call (agent mode); empty otherwise
 * @param reason   why this request reaches a later stage, accumulated as it falls back ({@code null} at first)
 * @param abandonment how the calls for this answer learn that its client hung up
 */
public record GenerationRequest(Route primary, Route fallback, List<ChatMessage> messages, double temperature,
                                int maxTokens, boolean stream, String question, List<String> passages,
                                List<ToolSpecification> tools, String reason, Abandonment abandonment) {

    public GenerationRequest {
        messages = List.copyOf(messages);
        passages = List.copyOf(passages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        abandonment = abandonment == null ? new Abandonment() : abandonment;
    }

    /** A request without tools, as the retrieval route makes them. */
    public static GenerationRequest of(Route primary, Route fallback, List<ChatMessage> messages, double temperature,
                                       int maxTokens, boolean stream, String question, List<String> passages,
                                       Abandonment abandonment) {
        return new GenerationRequest(primary, fallback, messages, temperature, maxTokens, stream, question, passages,
                List.of(), null, abandonment);
    }

    /** The same request, one stage further, with the reason the previous stage failed. */
    public GenerationRequest failedOver(String stageReason) {
        return new GenerationRequest(primary, fallback, messages, temperature, maxTokens, stream, question, passages,
                tools, reason == null ? stageReason : reason + "; " + stageReason, abandonment);
    }
}
