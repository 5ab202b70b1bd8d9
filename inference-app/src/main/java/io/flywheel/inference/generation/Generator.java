package io.flywheel.inference.generation;

import io.flywheel.shared.assistant.AssistantConfig.Route;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Generates an answer along the request's routes: straight to the extractive answer when the configuration routes
 * there (the embedded default, no LLM), else through the guarded primary and fallback stages. Never throws for a
 * provider failure: the worst case is a degraded extractive answer. Non-blocking.
 */
@ApplicationScoped
public class Generator {

    /** Why an answer is extractive when that is the configured route. */
    public static final String EXTRACTIVE_MODE = "extractive mode: no LLM provider is configured";

    private final PrimaryGeneration primary;
    private final ExtractiveAnswerer extractive;
    private final GenerationMetrics metrics;

    public Generator(PrimaryGeneration primary, ExtractiveAnswerer extractive, GenerationMetrics metrics) {
        this.primary = primary;
        this.extractive = extractive;
        this.metrics = metrics;
    }

    public Uni<Generation> generate(GenerationRequest request) {
        Uni<Generation> generation = usesLlm(request)
                ? primary.generate(request)
                : Uni.createFrom().item(() -> extractive.answer(request.question(), request.passages(),
                        EXTRACTIVE_MODE));
        return generation.invoke(answer -> {
            if (answer.degraded()) {
                metrics.degraded(answer.provider());
            }
        });
    }

    /** Whether the request's primary route is an LLM provider. */
    public static boolean usesLlm(GenerationRequest request) {
        return usesLlm(request.primary());
    }

    /** Whether the route is an LLM provider (not the extractive answer). */
    public static boolean usesLlm(Route route) {
        return route != null && !ExtractiveAnswerer.PROVIDER.equals(route.provider());
    }
}
