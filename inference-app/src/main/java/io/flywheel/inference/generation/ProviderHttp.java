package io.flywheel.inference.generation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiStreamingResponseBuilder;
import dev.langchain4j.model.openai.internal.OpenAiUtils;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse;
import io.flywheel.inference.assistant.AssistantSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The non-streamed chat completion on the wire: langchain4j's OpenAI request and response types (so conversion and
 * tool calls are langchain4j's), sent with the Vert.x HTTP client on the event loop. The gateway's own latency budget
 * (≤ 1 ms added) has no room for a REST-client stack per call — its filters, header factories, client span and metrics
 * cost more than the rest of the pipeline (docs/benchmarks.md, "Assistant gateway"); what they gave (the
 * {@code Retry-After} of a refusal, the status of an error) is read here directly. Streams stay on langchain4j's
 * streaming model.
 */
@ApplicationScoped
public class ProviderHttp {

    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;
    private static final int OK_FROM = 200;
    private static final int OK_TO = 299;
    /** A completion is kilobytes; a provider that sends more is confused, and is not buffered without end. */
    static final long MAX_RESPONSE_BYTES = 8L * 1024 * 1024;
    /** One event of a stream is a chunk of a few tokens; a line this long is not one. */
    static final int MAX_LINE_BYTES = 1024 * 1024;
    /** As many connections as the fault-tolerance bulkhead lets calls through; beyond them a call waits, boundedly. */
    static final int MAX_CONNECTIONS = 64;
    /** As langchain4j's own mapper: unknown fields (providers add their own) are ignored, nulls are not sent. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Vertx vertx;
    private final RetryAfterHints hints;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    public ProviderHttp(Vertx vertx, RetryAfterHints hints) {
        this.vertx = vertx;
        this.hints = hints;
    }

    /**
     * {@code POST <base-url>/chat/completions}. Fails with langchain4j's {@link HttpException} for a status outside
     * 2xx (after noting a {@code Retry-After}), a {@link JsonProcessingException} for a body that is not a
     * completion, Vert.x's exceptions for a connection that fails or a provider that goes quiet for its timeout —
     * or that was reset because the answer was {@linkplain Abandonment abandoned}.
     */
    public Uni<ChatResponse> chatCompletion(String name, AssistantSettings.Provider provider,
                                            ChatCompletionRequest body, Abandonment abandonment) {
        Endpoint endpoint = endpoints.computeIfAbsent(name, ignored -> endpoint(provider));
        return send(endpoint, provider, body, "application/json", abandonment)
                .chain(response -> bounded(response).map(answer -> completion(endpoint, response, answer)));
    }

    /**
     * The call for a stream of chunks (a {@code body} with {@code stream: true}), assembled as langchain4j's
     * streaming model does; {@code onPiece} is told of every chunk that carries content. The answer is the whole
     * stream's: it has no finish reason if the stream ended early. A provider that answers a stream request with a
     * plain completion is understood too.
     */
    public Uni<ChatResponse> chatCompletionStream(String name, AssistantSettings.Provider provider,
                                                  ChatCompletionRequest body, Abandonment abandonment,
                                                  Runnable onPiece) {
        Endpoint endpoint = endpoints.computeIfAbsent(name, ignored -> endpoint(provider));
        return send(endpoint, provider, body, "text/event-stream", abandonment).chain(response -> {
            String type = String.valueOf(response.getHeader("Content-Type"));
            if (!isOk(response) || !type.startsWith("text/event-stream")) {
                return bounded(response).map(answer -> completion(endpoint, response, answer));
            }
            return assembled(response, onPiece);
        });
    }

    private Uni<HttpClientResponse> send(Endpoint endpoint, AssistantSettings.Provider provider,
                                         ChatCompletionRequest body, String accept, Abandonment abandonment) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setHost(endpoint.host()).setPort(endpoint.port()).setSsl(endpoint.tls())
                .setURI(endpoint.path())
                // an idle timeout: for a stream, the longest silence between two chunks
                .setTimeout(provider.timeout().toMillis())
                .addHeader("Content-Type", "application/json")
                .addHeader("Accept", accept)
                .addHeader("Authorization", "Bearer " + provider.apiKey().orElse(ProviderModels.NO_KEY));
        return endpoint.client().request(options)
                .chain(request -> {
                    // nobody waits for the answer any more: closing the connection tells the provider to stop
                    abandonment.onAbandon(request::reset);
                    return request.send(Buffer.buffer(json));
                });
    }

    /** The chunks of an event stream, up to {@code [DONE]} or the end of the body, as one answer. */
    private static Uni<ChatResponse> assembled(HttpClientResponse response, Runnable onPiece) {
        OpenAiStreamingResponseBuilder answer = new OpenAiStreamingResponseBuilder();
        boolean[] done = {false};
        EventStreamReader events = new EventStreamReader(MAX_LINE_BYTES, data -> {
            if (done[0]) {
                return;
            }
            if ("[DONE]".equals(data.trim())) {
                done[0] = true;
                return;
            }
            ChatCompletionResponse chunk;
            try {
                chunk = JSON.readValue(data, ChatCompletionResponse.class);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            answer.append(chunk);
            if (carriesContent(chunk)) {
                onPiece.run();
            }
        });
        long[] received = {0};
        return response.toMulti()
                .invoke(chunk -> {
                    received[0] += chunk.length();
                    if (received[0] > MAX_RESPONSE_BYTES) {
                        throw new UncheckedIOException(new IOException("the provider's stream exceeds "
                                + MAX_RESPONSE_BYTES + " bytes"));
                    }
                    events.feed(chunk.getBytes());
                })
                .collect().last()
                .map(ignored -> {
                    events.end();
                    return answer.build();
                })
                .onFailure().invoke(() -> unread(response));
    }

    private static boolean carriesContent(ChatCompletionResponse chunk) {
        return chunk.choices() != null && !chunk.choices().isEmpty() && chunk.choices().get(0).delta() != null
                && chunk.choices().get(0).delta().content() != null
                && !chunk.choices().get(0).delta().content().isEmpty();
    }

    private static boolean isOk(HttpClientResponse response) {
        return response.statusCode() >= OK_FROM && response.statusCode() <= OK_TO;
    }

    private ChatResponse completion(Endpoint endpoint, HttpClientResponse response, Buffer body) {
        int status = response.statusCode();
        if (!isOk(response)) {
            Duration wait = RetryAfterHints.parse(response.getHeader("Retry-After"));
            if (wait != null) {
                hints.record(endpoint.uri(), wait);
            }
            throw new HttpException(status, body.toString());
        }
        try {
            return toChatResponse(JSON.readValue(body.getBytes(), ChatCompletionResponse.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The completion as langchain4j's answer, converted as {@code OpenAiChatModel} does. */
    private static ChatResponse toChatResponse(ChatCompletionResponse response) {
        if (response.choices() == null || response.choices().isEmpty()) {
            throw new InternalServerException("the response has no choices");
        }
        return ChatResponse.builder()
                .aiMessage(OpenAiUtils.aiMessageFrom(response))
                .tokenUsage(OpenAiUtils.tokenUsageFrom(response.usage()))
                .finishReason(OpenAiUtils.finishReasonFrom(response.choices().get(0).finishReason()))
                .modelName(response.model())
                .id(response.id())
                .build();
    }

    private static Uni<Buffer> bounded(HttpClientResponse response) {
        String length = response.getHeader("Content-Length");
        if (length != null && Long.parseLong(length.trim()) > MAX_RESPONSE_BYTES) {
            return Uni.createFrom().failure(new IOException("the provider's response has " + length.trim()
                    + " bytes, more than the " + MAX_RESPONSE_BYTES + " accepted"));
        }
        return response.toMulti().collect().in(Buffer::buffer, (all, chunk) -> {
            if (all.length() + chunk.length() > MAX_RESPONSE_BYTES) {
                throw new UncheckedIOException(new IOException("the provider's response exceeds "
                        + MAX_RESPONSE_BYTES + " bytes"));
            }
            all.appendBuffer(chunk);
        }).onFailure().invoke(() -> unread(response));
    }

    /** A body given up midway: its connection is closed, not handed to the next call with the rest still coming. */
    private static void unread(HttpClientResponse response) {
        response.request().reset();
    }

    private Endpoint endpoint(AssistantSettings.Provider provider) {
        URI base = URI.create(provider.baseUrl().endsWith("/") ? provider.baseUrl() : provider.baseUrl() + "/");
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() >= 0 ? base.getPort() : tls ? HTTPS_PORT : HTTP_PORT;
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(tls)
                .setConnectTimeout((int) provider.timeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(MAX_CONNECTIONS)
                .setMaxWaitQueueSize(MAX_CONNECTIONS));
        return new Endpoint(base, base.getHost(), port, tls, base.getRawPath() + "chat/completions", client);
    }

    private record Endpoint(URI uri, String host, int port, boolean tls, String path, HttpClient client) {
    }
}
