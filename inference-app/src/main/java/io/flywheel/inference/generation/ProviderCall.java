package io.flywheel.inference.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.internal.OpenAiUtils;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import dev.langchain4j.model.openai.internal.shared.StreamOptions;
import dev.langchain4j.model.output.TokenUsage;
import io.flywheel.inference.assistant.AssistantSettings;
import io.flywheel.shared.assistant.AssistantConfig.Route;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call to one provider, streamed or not, non-blocking, with no retry of its own: it turns whatever went wrong
 * into a {@link ProviderUnavailable} (worth retrying) or a {@link ProviderRejected} (go to the fallback), and measures
 * latency, tokens and cost. A stream that ends without a finish reason was cut off and counts as a failure: a
 * half answer is never passed on.
 */
@ApplicationScoped
public class ProviderCall {

    private static final int TOO_MANY_REQUESTS = 429;
    private static final int SERVER_ERRORS = 500;
    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;
    private static final int NOT_FOUND = 404;
    private static final int CHARS_PER_TOKEN = 4;
    /** A stream that started but did not finish: cut off, stalled, or ended without a finish reason. */
    static final String INCOMPLETE_STREAM = "incomplete-stream";

    private final ProviderModels models;
    private final RetryAfterHints hints;
    private final GenerationMetrics metrics;
    private final AssistantSettings settings;
    private final ProviderHttp http;

    public ProviderCall(ProviderModels models, ProviderHttp http, RetryAfterHints hints, GenerationMetrics metrics,
                        AssistantSettings settings) {
        this.models = models;
        this.http = http;
        this.hints = hints;
        this.metrics = metrics;
        this.settings = settings;
    }

    /**
     * The call as a lazy {@link Uni}: nothing is sent until it is subscribed, and each subscription (each retry) is
     * a new call. Non-blocking: the provider's answer arrives on the HTTP client's event loop, no thread waits for it.
     */
    public Uni<Generation> call(Route route, GenerationRequest request) {
        String provider = route.provider();
        Abandonment abandonment = request.abandonment();
        return Uni.createFrom().deferred(() -> {
            if (abandonment.abandoned()) {
                // a retry or a fallback of an answer nobody waits for any more: not sent
                return Uni.createFrom().failure(Abandonment.failure(provider));
            }
            long started = System.nanoTime();
            Instant calledAt = Instant.now();
            ChatRequest chat = ChatRequest.builder()
                    .messages(request.messages())
                    .parameters(OpenAiChatRequestParameters.builder()
                            .modelName(route.model())
                            .temperature(request.temperature())
                            .maxOutputTokens(request.maxTokens())
                            .toolSpecifications(request.tools())
                            .build())
                    .build();
            return (request.stream() ? streamed(provider, chat, abandonment) : completed(provider, chat, abandonment))
                    .map(response -> toGeneration(route, request, response))
                    .invoke(generation -> metrics.succeeded(provider, generation, System.nanoTime() - started))
                    .onFailure().transform(e -> {
                        if (abandonment.abandoned()) {
                            metrics.abandoned(provider);
                            return Abandonment.failure(provider);
                        }
                        RuntimeException failure = classify(provider, asRuntime(e), calledAt);
                        metrics.failed(provider, kindOf(failure), System.nanoTime() - started);
                        return failure;
                    });
        });
    }

    /**
     * A non-streamed completion: the request and response converted as langchain4j's {@code OpenAiChatModel} does,
     * sent by {@link ProviderHttp} on the event loop.
     */
    private Uni<ChatResponse> completed(String provider, ChatRequest chat, Abandonment abandonment) {
        return http.chatCompletion(provider, models.require(provider), openAiRequest(chat).build(), abandonment);
    }

    /** The OpenAI request langchain4j's OpenAI models would send for the chat (no strict tools or JSON schema). */
    private static ChatCompletionRequest.Builder openAiRequest(ChatRequest chat) {
        return OpenAiUtils.toOpenAiChatRequest(chat, (OpenAiChatRequestParameters) chat.parameters(), false, false);
    }

    /**
     * A streamed completion, converted as langchain4j's {@code OpenAiStreamingChatModel} does and sent by
     * {@link ProviderHttp}; the pieces are only counted: output safety must see the whole answer first.
     */
    private Uni<ChatResponse> streamed(String provider, ChatRequest chat, Abandonment abandonment) {
        AtomicInteger partials = new AtomicInteger();
        AssistantSettings.Provider configured = models.require(provider);
        long limit = configured.timeout().toMillis();
        ChatCompletionRequest body = openAiRequest(chat)
                .stream(true).streamOptions(StreamOptions.builder().includeUsage(true).build()).build();
        return http.chatCompletionStream(provider, configured, body, abandonment, partials::incrementAndGet)
                // the request's timeout bounds each silence; this bounds the whole stream
                .ifNoItem().after(Duration.ofMillis(limit)).failWith(() -> new ProviderUnavailable(
                        partials.get() > 0 ? INCOMPLETE_STREAM : "timeout", "the stream of '" + provider
                        + "' did not complete within " + limit + " ms", null, null))
                .onFailure(error -> partials.get() > 0 && closedConnection(error)).transform(error ->
                        new ProviderUnavailable(INCOMPLETE_STREAM, "the stream of '" + provider + "' was cut off "
                                + "after " + partials.get() + " pieces", null, error))
                .invoke(response -> {
                    if (response.finishReason() == null) {
                        throw new ProviderUnavailable(INCOMPLETE_STREAM, "the stream of '" + provider
                                + "' ended without a finish reason", null, null);
                    }
                });
    }

    /** A checked exception (a refused connection) wrapped, so that {@link #classify} still finds it as the cause. */
    private static RuntimeException asRuntime(Throwable e) {
        return e instanceof RuntimeException runtime ? runtime : new java.util.concurrent.CompletionException(e);
    }

    private static Generation toGeneration(Route route, GenerationRequest request, ChatResponse response) {
        AiMessage message = response.aiMessage();
        String text = message == null ? null : message.text();
        TokenUsage usage = response.tokenUsage();
        int prompt = usage != null && usage.inputTokenCount() != null ? usage.inputTokenCount()
                : estimateTokens(request.messages().toString());
        int completion = usage != null && usage.outputTokenCount() != null ? usage.outputTokenCount()
                : estimateTokens(text);
        return new Generation(text, route.provider(), route.model(), prompt, completion, false, null,
                message == null ? List.of() : message.toolExecutionRequests());
    }

    /** A rough token count (four characters a token) for providers that report no usage. */
    public static int estimateTokens(String text) {
        return text == null ? 0 : (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /** What the failure means for the retry; {@code calledAt} tells a hint of this call's response from older ones. */
    RuntimeException classify(String provider, RuntimeException e, Instant calledAt) {
        if (e instanceof ProviderUnavailable || e instanceof ProviderRejected) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return byStatus(provider, http.statusCode(), e, calledAt);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RateLimitException) {
                return retryAfterOrFallback(provider, "rate-limited", provider + " is rate limiting", e, calledAt);
            }
            if (t instanceof AuthenticationException) {
                return new ProviderRejected("unauthorized", provider + " refused the key", e);
            }
            if (t instanceof ModelNotFoundException) {
                return new ProviderRejected("unknown-model", provider + " does not know the model", e);
            }
            if (t instanceof InvalidRequestException) {
                return new ProviderRejected("invalid-request", provider + " refused the request: " + t.getMessage(), e);
            }
            if (t instanceof InternalServerException) {
                return new ProviderUnavailable("server-error", provider + " failed: " + t.getMessage(), null, e);
            }
            if (t instanceof dev.langchain4j.exception.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return new ProviderUnavailable("timeout", provider + " timed out", null, e);
            }
            if (t instanceof JsonProcessingException) {
                return new ProviderUnavailable("malformed-response", provider + " sent an unreadable body", null, e);
            }
            if (t instanceof IOException || closedConnection(t)) {
                return new ProviderUnavailable("connection", provider + ": " + t.getMessage(), null, e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new ProviderUnavailable("error-" + root.getClass().getSimpleName(), provider + ": " + root, null, e);
    }

    /** Vert.x reports a connection closed under a request as its own runtime exception, not an IOException. */
    private static boolean closedConnection(Throwable t) {
        return t instanceof io.vertx.core.http.HttpClosedException || t instanceof io.vertx.core.VertxException
                && String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("closed");
    }

    private RuntimeException byStatus(String provider, int status, RuntimeException e, Instant calledAt) {
        if (status == TOO_MANY_REQUESTS) {
            return retryAfterOrFallback(provider, "rate-limited", provider + " is rate limiting", e, calledAt);
        }
        if (status >= SERVER_ERRORS) {
            return retryAfterOrFallback(provider, String.valueOf(status), provider + " answered " + status, e,
                    calledAt);
        }
        String kind = status == UNAUTHORIZED || status == FORBIDDEN ? "unauthorized"
                : status == NOT_FOUND ? "unknown-model" : "status-" + status;
        return new ProviderRejected(kind, provider + " answered " + status, e);
    }

    /**
     * A failure worth retrying, after the {@code Retry-After} of this call's response if it sent one; a wait beyond
     * the cap gives up on the stage at once, whatever the status (429 or 503): the retry must stay within the
     * stage's bounds, and waiting that long would hold the client longer than the fallback takes to answer.
     */
    private RuntimeException retryAfterOrFallback(String provider, String kind, String message, RuntimeException e,
                                                  Instant calledAt) {
        Duration wait = hints.remaining(baseUrl(provider), calledAt);
        Duration cap = settings.retry().maxRetryAfter();
        if (wait != null && wait.compareTo(cap) > 0) {
            return new ProviderRejected(kind, provider + " asks to wait " + wait.toMillis()
                    + " ms, more than the " + cap.toMillis() + " ms cap", e);
        }
        return new ProviderUnavailable(kind, message, wait, e);
    }

    private String baseUrl(String provider) {
        return models.provider(provider).map(AssistantSettings.Provider::baseUrl).orElse("http://unknown:0");
    }

    static String kindOf(RuntimeException failure) {
        if (failure instanceof ProviderUnavailable unavailable) {
            return unavailable.kind();
        }
        return failure instanceof ProviderRejected rejected ? rejected.kind() : "error";
    }
}
