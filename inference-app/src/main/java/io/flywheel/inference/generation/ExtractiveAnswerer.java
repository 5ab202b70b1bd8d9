package io.flywheel.inference.generation;

import io.flywheel.shared.assistant.ExtractiveAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The answer of last resort, and the whole answer when no LLM is configured: shared-model's {@link ExtractiveAnswer}
 * (the sentences of the retrieved passages closest to the question, marked with their passage number). It needs no
 * provider, cannot hallucinate, and is grounded by construction; the golden-set gate judges the same text.
 */
@ApplicationScoped
public class ExtractiveAnswerer {

    /** The provider name extractive answers are reported under. */
    public static final String PROVIDER = "extractive";

    public Generation answer(String question, List<String> passages, String reason) {
        String text = ExtractiveAnswer.compose(question, passages);
        return new Generation(text, PROVIDER, PROVIDER, ProviderCall.estimateTokens(question),
                ProviderCall.estimateTokens(text), true, reason, List.of());
    }
}
