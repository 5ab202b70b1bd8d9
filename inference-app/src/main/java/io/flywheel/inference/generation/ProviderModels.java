package io.flywheel.inference.generation;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.flywheel.inference.assistant.AssistantSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured providers and their langchain4j streaming chat models, built once per provider (under Quarkus
 * quarkus-langchain4j's, on its reactive REST client, found through langchain4j's client factory). Non-streamed
 * completions go through {@link ProviderHttp}. Nothing here retries: retrying is the job of the fault-tolerance layer
 * around the call.
 */
@ApplicationScoped
public class ProviderModels {

    /** OpenAI-compatible servers that need no key (Ollama, vLLM, LM Studio) still expect the header. */
    static final String NO_KEY = "none";

    private final AssistantSettings settings;
    private final Map<String, StreamingChatModel> streaming = new ConcurrentHashMap<>();

    public ProviderModels(AssistantSettings settings) {
        this.settings = settings;
    }

    /** The provider's settings, if it is configured. */
    public Optional<AssistantSettings.Provider> provider(String name) {
        return Optional.ofNullable(settings.providers().get(name));
    }

    public StreamingChatModel streaming(String name) {
        return streaming.computeIfAbsent(name, ignored -> {
            AssistantSettings.Provider provider = require(name);
            return OpenAiStreamingChatModel.builder()
                    .baseUrl(provider.baseUrl())
                    .apiKey(provider.apiKey().orElse(NO_KEY))
                    .timeout(provider.timeout())
                    .build();
        });
    }

    /** The provider's settings; a {@link ProviderRejected} (go to the fallback) when it is not configured. */
    AssistantSettings.Provider require(String name) {
        return provider(name).orElseThrow(() -> new ProviderRejected("not-configured",
                "provider '" + name + "' is not configured (flywheel.assistant.providers." + name + ".base-url)",
                null));
    }
}
