package io.flywheel.inference.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.inference.retrieval.QueryEmbedder;
import io.flywheel.inference.retrieval.RagIndexLoader;
import io.flywheel.testing.FakeOpenAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, unchanged, against the gateway: JSON and streaming. */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeProviderResource.class)
class OpenAiSdkTest {

    @FakeProvider
    FakeOpenAi fake;
    @Inject
    RagIndexLoader loader;
    @Inject
    QueryEmbedder embedder;
    @Inject
    CircuitBreakerMaintenance circuits;
    @TestHTTPResource("/v1")
    URI v1;

    private OpenAIClient client;

    @BeforeEach
    void clientAgainstTheGateway() {
        fake.reset();
        circuits.resetAll();
        TestIndex.serve(loader, embedder);
        client = OpenAIOkHttpClient.builder().baseUrl(v1.toString()).apiKey("not-needed-when-auth-is-off").build();
    }

    private static ChatCompletionCreateParams question() {
        return ChatCompletionCreateParams.builder()
                .model("assistant")
                .addSystemMessage("Answer briefly.")
                .addUserMessage("How do I sort a list in Python?")
                .maxCompletionTokens(200)
                .temperature(0.1)
                .build();
    }

    @Test
    void theSdkGetsACompletionWithUsageAndTheFlywheelObject() {
        ChatCompletion completion = client.chat().completions().create(question());

        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(text ->
                assertThat(text).contains("sorted()"));
        assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
        assertThat(completion.usage()).hasValueSatisfying(usage -> assertThat(usage.totalTokens()).isPositive());
        Map<String, JsonValue> extra = completion._additionalProperties();
        assertThat(extra).containsKey("flywheel");
        assertThat(extra.get("flywheel").toString()).contains("python-faq").contains("primary-llm");
    }

    @Test
    void theSdkStreamsTheAnswerToTheEnd() {
        StringBuilder text = new StringBuilder();
        String finish;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(question())) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            chunks.forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
            finish = chunks.get(chunks.size() - 1).choices().get(0).finishReason()
                    .map(reason -> reason.asString()).orElse(null);
            assertThat(chunks.get(chunks.size() - 1)._additionalProperties()).containsKey("flywheel");
        }
        assertThat(text.toString()).contains("sorted()");
        assertThat(finish).isEqualTo("stop");
    }

    @Test
    void theSdkListsTheAssistant() {
        List<Model> models = client.models().list().data();
        assertThat(models).extracting(Model::id).contains("assistant");
    }
}
