package io.flywheel.inference.agent;

import io.flywheel.inference.generation.Generation;
import java.util.List;

/**
 * What an agent run produced.
 *
 * @param last             the generation that gave the final answer (its provider, degradation)
 * @param evidence         the tool results the answer may rest on (pseudonymised)
 * @param toolCalls        the tools called, in order, as {@code name(arguments)}
 * @param stopReason       why the run ended early ({@code step budget}, {@code time budget}), or {@code null}
 * @param promptTokens     tokens of all prompts of the run
 * @param completionTokens tokens of all completions of the run
 */
public record AgentResult(Generation last, List<String> evidence, List<String> toolCalls, String stopReason,
                          int promptTokens, int completionTokens) {

    public AgentResult {
        evidence = List.copyOf(evidence);
        toolCalls = List.copyOf(toolCalls);
    }
}
