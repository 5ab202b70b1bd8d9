package io.flywheel.inference.generation;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.openai.internal.OpenAiClient;
import io.flywheel.inference.assistant.AssistantSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The langchain4j clients of the configured providers, built once per provider: the OpenAI client for completions
 * (langchain4j's {@code OpenAiChatModel} only offers it blocking; the client itself has an asynchronous mode) and the
 * streaming chat model for streams. Under Quarkus both are quarkus-langchain4j's (its reactive REST client, TLS,
 * proxies, native support), found through langchain4j's client factory. Neither retries: retrying is the job of the
 * fault-tolerance layer around the call.
 */
@ApplicationScoped
public class ProviderModels {

    /** OpenAI-compatible servers that need no key (Ollama, vLLM, LM Studio) still expect the header. */
    private static final String NO_KEY = "none";

    private final AssistantSettings settings;
    private final Map<String, OpenAiClient> clients = new ConcurrentHashMap<>();
    private final Map<String, StreamingChatModel> streaming = new ConcurrentHashMap<>();

    public ProviderModels(AssistantSettings settings) {
        this.settings = settings;
    }

    /** The provider's settings, if it is configured. */
    public Optional<AssistantSettings.Provider> provider(String name) {
        return Optional.ofNullable(settings.providers().get(name));
    }

    public OpenAiClient client(String name) {
        return clients.computeIfAbsent(name, ignored -> {
            AssistantSettings.Provider provider = require(name);
            return OpenAiClient.builder()
                    .baseUrl(provider.baseUrl())
                    .apiKey(provider.apiKey().orElse(NO_KEY))
                    .connectTimeout(provider.timeout())
                    .readTimeout(provider.timeout())
                    .build();
        });
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

    private AssistantSettings.Provider require(String name) {
        return provider(name).orElseThrow(() -> new ProviderRejected("not-configured",
                "provider '" + name + "' is not configured (flywheel.assistant.providers." + name + ".base-url)",
                null));
    }
}
