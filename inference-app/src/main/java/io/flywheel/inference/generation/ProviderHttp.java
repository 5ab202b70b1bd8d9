package io.flywheel.inference.generation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
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
     * completion, Vert.x's exceptions for a connection that fails or a provider that goes quiet for its timeout.
     */
    public Uni<ChatCompletionResponse> chatCompletion(String name, AssistantSettings.Provider provider,
                                                      ChatCompletionRequest body) {
        Endpoint endpoint = endpoints.computeIfAbsent(name, ignored -> endpoint(provider));
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setHost(endpoint.host()).setPort(endpoint.port()).setSsl(endpoint.tls())
                .setURI(endpoint.path())
                .setTimeout(provider.timeout().toMillis())
                .addHeader("Content-Type", "application/json")
                .addHeader("Accept", "application/json")
                .addHeader("Authorization", "Bearer " + provider.apiKey().orElse(ProviderModels.NO_KEY));
        return endpoint.client().request(options)
                .chain(request -> request.send(Buffer.buffer(json)))
                .chain(response -> bounded(response).map(answer -> completion(endpoint, response, answer)));
    }

    private ChatCompletionResponse completion(Endpoint endpoint, HttpClientResponse response, Buffer body) {
        int status = response.statusCode();
        if (status < OK_FROM || status > OK_TO) {
            Duration wait = RetryAfterFilter.parse(response.getHeader("Retry-After"));
            if (wait != null) {
                hints.record(endpoint.uri(), wait);
            }
            throw new HttpException(status, body.toString());
        }
        try {
            return JSON.readValue(body.getBytes(), ChatCompletionResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        });
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
