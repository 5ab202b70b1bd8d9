package io.flywheel.inference.generation;

import io.flywheel.inference.assistant.AssistantSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;

/**
 * The LLM metrics: tokens in and out and their cost per provider (from the configured price table), provider latency
 * by outcome, failures by kind, fallbacks between stages and degraded answers. Retries and circuit-breaker state
 * come from SmallRye Fault Tolerance's own metrics ({@code ft_retry_retries_total}, {@code ft_circuitbreaker_state_current}).
 */
@ApplicationScoped
public class GenerationMetrics {

    private static final double PER_THOUSAND = 1000.0;

    private final MeterRegistry registry;
    private final AssistantSettings settings;

    public GenerationMetrics(MeterRegistry registry, AssistantSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    /**
     * Spend is exposed from start, at zero, for every configured provider and for extractive answers (which cost
     * nothing), so that dashboards and the spend alert have a series before the first call.
     */
    void exposeSpendAtStart(@Observes StartupEvent start) {
        settings.providers().keySet().forEach(this::cost);
        cost(ExtractiveAnswerer.PROVIDER);
    }

    void succeeded(String provider, Generation generation, long nanos) {
        latency(provider, "success").record(nanos, TimeUnit.NANOSECONDS);
        tokens(provider, "in").increment(generation.promptTokens());
        tokens(provider, "out").increment(generation.completionTokens());
        AssistantSettings.Provider prices = settings.providers().get(provider);
        if (prices != null) {
            double cost = generation.promptTokens() / PER_THOUSAND * prices.inputPricePer1k()
                    + generation.completionTokens() / PER_THOUSAND * prices.outputPricePer1k();
            cost(provider).increment(cost);
        }
    }

    private Counter cost(String provider) {
        return Counter.builder("flywheel.llm.cost").description("Cost of provider calls, from the configured price table")
                .baseUnit("usd").tag("provider", provider).register(registry);
    }

    void failed(String provider, String kind, long nanos) {
        latency(provider, "failure").record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("flywheel.llm.failures").description("Failed provider calls by kind")
                .tag("provider", provider).tag("kind", kind).register(registry).increment();
    }

    /** A call stopped because its client hung up: neither a provider failure nor a success. */
    void abandoned(String provider) {
        Counter.builder("flywheel.llm.abandoned").description("Provider calls stopped because the client hung up")
                .tag("provider", provider).register(registry).increment();
    }

    void retryAfterHonoured() {
        Counter.builder("flywheel.llm.retry.after.honoured")
                .description("Retries that waited as long as the provider's Retry-After asked").register(registry)
                .increment();
    }

    /** A stage gave up and the next one answers: {@code primary → fallback} or {@code … → extractive}. */
    void fellBack(String from, String to) {
        Counter.builder("flywheel.llm.fallbacks").description("Generation handed to the next stage")
                .tag("from", from).tag("to", to).register(registry).increment();
    }

    /** An answer the client gets flagged as degraded. */
    public void degraded(String provider) {
        Counter.builder("flywheel.assistant.degraded").description("Answers flagged as degraded")
                .tag("provider", provider).register(registry).increment();
    }

    private Timer latency(String provider, String outcome) {
        return Timer.builder("flywheel.llm.latency").description("Latency of one provider call")
                .tag("provider", provider).tag("outcome", outcome).publishPercentileHistogram().register(registry);
    }

    private Counter tokens(String provider, String direction) {
        return Counter.builder("flywheel.llm.tokens").description("Tokens sent to and received from providers")
                .tag("provider", provider).tag("direction", direction).register(registry);
    }
}
