package io.flywheel.inference.assistant;

import io.flywheel.testing.FakeOpenAi;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a fake OpenAI-compatible server and routes the assistant to it: {@code primary-llm} at {@code /primary/v1}
 * first, {@code fallback-llm} at {@code /fallback/v1} second, with prices so that the cost metric moves. A third,
 * {@code slow-llm} at {@code /slow/v1}, has a timeout of minutes, as a large model's would be; a test routes to it
 * with an assistant config of its own.
 */
public class FakeProviderResource implements QuarkusTestResourceLifecycleManager {

    private FakeOpenAi fake;

    @Override
    public Map<String, String> start() {
        fake = FakeOpenAi.start();
        return Map.ofEntries(
                Map.entry("flywheel.assistant.providers.primary-llm.base-url", fake.baseUrl("primary")),
                Map.entry("flywheel.assistant.providers.primary-llm.api-key", "sk-test-primary"),
                Map.entry("flywheel.assistant.providers.primary-llm.input-price-per1k", "0.5"),
                Map.entry("flywheel.assistant.providers.primary-llm.output-price-per1k", "1.5"),
                Map.entry("flywheel.assistant.providers.primary-llm.timeout", "1s"),
                Map.entry("flywheel.assistant.providers.fallback-llm.base-url", fake.baseUrl("fallback")),
                Map.entry("flywheel.assistant.providers.fallback-llm.timeout", "1s"),
                Map.entry("flywheel.assistant.providers.slow-llm.base-url", fake.baseUrl("slow")),
                Map.entry("flywheel.assistant.providers.slow-llm.timeout", "5m"),
                Map.entry("flywheel.assistant.routing.primary-provider", "primary-llm"),
                Map.entry("flywheel.assistant.routing.primary-model", "gpt-fake-large"),
                Map.entry("flywheel.assistant.routing.fallback-provider", "fallback-llm"),
                Map.entry("flywheel.assistant.routing.fallback-model", "gpt-fake-small"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fake, new TestInjector.AnnotatedAndMatchesType(FakeProvider.class, FakeOpenAi.class));
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }
}
