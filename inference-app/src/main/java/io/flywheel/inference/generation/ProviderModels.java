package io.flywheel.inference.generation;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.flywheel.inference.assistant.AssistantSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The langchain4j chat models of the configured providers, built once per provider. Under Quarkus,
 * {@code OpenAiChatModel.builder()} is quarkus-langchain4j's builder (its REST client, TLS, proxies, native support).
 * langchain4j's own retries are off: retrying is the job of the fault-tolerance layer around the call.
 */
@ApplicationScoped
public class ProviderModels {

    /** OpenAI-compatible servers that need no key (Ollama, vLLM, LM Studio) still expect the header. */
    private static final String NO_KEY = "none";

    private final AssistantSettings settings;
    private final Map<String, ChatModel> blocking = new ConcurrentHashMap<>();
    private final Map<String, StreamingChatModel> streaming = new ConcurrentHashMap<>();

    public ProviderModels(AssistantSettings settings) {
        this.settings = settings;
    }

    /** The provider's settings, if it is configured. */
    public Optional<AssistantSettings.Provider> provider(String name) {
        return Optional.ofNullable(settings.providers().get(name));
    }

    public ChatModel chat(String name) {
        return blocking.computeIfAbsent(name, ignored -> {
            AssistantSettings.Provider provider = require(name);
            return OpenAiChatModel.builder()
                    .baseUrl(provider.baseUrl())
                    .apiKey(provider.apiKey().orElse(NO_KEY))
                    .timeout(provider.timeout())
                    .maxRetries(0)
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
                "provider '" + name + "' is not configured (flywheel.assistant.providers." + name + ".base-url)", null));
    }
}
