package io.flywheel.inference.generation;

import io.flywheel.inference.assistant.AssistantSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The configured providers (OpenAI-compatible endpoints: OpenAI, Ollama, vLLM, LM Studio), by the name the assistant
 * config routes to. Calls to them go through {@link ProviderHttp}. Nothing here retries: retrying is the job of the
 * fault-tolerance layer around the call.
 */
@ApplicationScoped
public class ProviderModels {

    /** OpenAI-compatible servers that need no key (Ollama, vLLM, LM Studio) still expect the header. */
    static final String NO_KEY = "none";

    private final AssistantSettings settings;

    public ProviderModels(AssistantSettings settings) {
        this.settings = settings;
    }

    /** The provider's settings, if it is configured. */
    public Optional<AssistantSettings.Provider> provider(String name) {
        return Optional.ofNullable(settings.providers().get(name));
    }

    /** The provider's settings; a {@link ProviderRejected} (go to the fallback) when it is not configured. */
    AssistantSettings.Provider require(String name) {
        return provider(name).orElseThrow(() -> new ProviderRejected("not-configured",
                "provider '" + name + "' is not configured (flywheel.assistant.providers." + name + ".base-url)",
                null));
    }
}
