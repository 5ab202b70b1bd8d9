package io.flywheel.shared.assistant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One version of the assistant's behaviour, the artifact of an {@code assistant-config} model: prompt templates,
 * provider routing, generation parameters, retrieval settings and safety thresholds. Versions are immutable; a change
 * is a new version that goes through the same gate and rollout as any model. {@link AssistantConfigValidator} says
 * what a valid one is; {@link AssistantConfigCodec} gives its canonical bytes.
 *
 * @param prompts    the templates the question and the retrieved context are rendered into
 * @param routing    which provider and model answer first, and which one takes over when it fails
 * @param generation sampling temperature and the answer's token limit
 * @param retrieval  how many passages are retrieved and the score they must reach
 * @param safety     the thresholds of the input and output checks
 */
@JsonPropertyOrder({"prompts", "routing", "generation", "retrieval", "safety"})
public record AssistantConfig(Prompts prompts, Routing routing, Generation generation, Retrieval retrieval,
                              Safety safety) {

    /**
     * The prompt templates. Placeholders are {@code {{question}}} and {@code {{context}}} (see {@link PromptTemplate}).
     *
     * @param system  the system message
     * @param user    the user message; must contain {@code {{question}}}
     * @param refusal what the assistant says when it must not answer (blocked input, failed output checks)
     */
    @JsonPropertyOrder({"system", "user", "refusal"})
    public record Prompts(String system, String user, String refusal) {
    }

    /**
     * Provider routing: the primary route, and the fallback taken when the primary fails (timeouts, 5xx, an open
     * circuit). After both, the gateway answers extractively from the retrieved passages, flagged as degraded.
     */
    @JsonPropertyOrder({"primary", "fallback"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Routing(Route primary, Route fallback) {
    }

    /**
     * One provider and the model to ask there.
     *
     * @param provider a provider name the gateway knows (see {@link AssistantConfigValidator#DEFAULT_PROVIDERS})
     * @param model    the provider's model id, e.g. {@code gpt-4o-mini}; ignored by the {@code extractive} provider
     */
    @JsonPropertyOrder({"provider", "model"})
    public record Route(String provider, String model) {
    }

    /**
     * Generation parameters, as the OpenAI API names them.
     *
     * @param temperature sampling temperature, 0..2
     * @param maxTokens   the largest answer, in tokens
     */
    @JsonPropertyOrder({"temperature", "max_tokens"})
    public record Generation(double temperature, @JsonProperty("max_tokens") int maxTokens) {
    }

    /**
     * Retrieval settings.
     *
     * @param k        how many passages to retrieve (0 turns retrieval off)
     * @param minScore cosine similarity a passage must reach to be used, -1..1
     */
    @JsonPropertyOrder({"k", "min_score"})
    public record Retrieval(int k, @JsonProperty("min_score") double minScore) {
    }

    /**
     * Safety thresholds.
     *
     * @param injectionThreshold  prompt-injection score (0..1) above which a request is refused
     * @param minGroundedness     share of answer sentences (0..1) that must be supported by the retrieved sources
     * @param maxInputChars       the longest user input accepted, in characters
     * @param blockedPatterns     regular expressions an answer must not match; a match turns it into the refusal
     */
    @JsonPropertyOrder({"injection_threshold", "min_groundedness", "max_input_chars", "blocked_patterns"})
    public record Safety(@JsonProperty("injection_threshold") double injectionThreshold,
                         @JsonProperty("min_groundedness") double minGroundedness,
                         @JsonProperty("max_input_chars") int maxInputChars,
                         @JsonProperty("blocked_patterns") List<String> blockedPatterns) {

        public Safety {
            blockedPatterns = blockedPatterns == null ? List.of() : List.copyOf(blockedPatterns);
        }
    }

    /**
     * The configuration the platform starts with: answers come from the retrieved passages (no LLM is needed), five
     * passages are retrieved, and the checks are at their documented defaults. It is version 1 of the
     * {@code assistant-config} model on a fresh platform.
     */
    public static AssistantConfig defaults() {
        return new AssistantConfig(
                new Prompts(
                        "You are the Flywheel assistant. Answer only from the context below; if it does not contain "
                                + "the answer, say that you do not know.\n\nContext:\n{{context}}",
                        "{{question}}",
                        "I cannot help with that request."),
                new Routing(new Route("extractive", "extractive"), null),
                new Generation(0.2, 512),
                new Retrieval(5, 0.25),
                new Safety(0.5, 0.5, 8000, List.of()));
    }
}
