package io.flywheel.inference.mlops;

import io.flywheel.inference.access.AccessSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads from mlops-app over HTTP: non-blocking (Vert.x client, on the event loop), with a timeout on every call and a
 * bound on the bytes read, so that a slow or confused mlops-app can neither stall nor flood this pod.
 */
@ApplicationScoped
public class MlopsClient {

    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;

    private final MlopsSettings settings;
    private final Optional<String> podToken;
    private final URI base;
    private final HttpClient http;

    public MlopsClient(MlopsSettings settings, AccessSettings access, Vertx vertx) {
        this.settings = settings;
        this.podToken = access.podToken().filter(token -> !token.isBlank());
        this.base = URI.create(settings.url());
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        this.http = vertx.createHttpClient(new HttpClientOptions().setSsl(tls));
    }

    /** mlops-app's base URL, for messages. */
    public String url() {
        return settings.url();
    }

    /** What mlops-app answered: the status, the {@code ETag} header (or null) and the body. */
    public record Answer(int status, String etag, Buffer body) {
    }

    /**
     * {@code GET path}, with {@code If-None-Match: etag} when an ETag is given. Fails when the whole exchange takes
     * longer than {@code timeout}, when mlops-app cannot be reached, or ({@link TooLarge}) when the body exceeds
     * {@code maxBytes}.
     */
    public Uni<Answer> get(String path, String etag, Duration timeout, long maxBytes) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setHost(base.getHost())
                .setPort(base.getPort() >= 0 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme())
                        ? HTTPS_PORT : HTTP_PORT)
                .setURI(prefix() + path)
                .setTimeout(timeout.toMillis());
        if (etag != null) {
            options.addHeader("If-None-Match", etag);
        }
        podToken.ifPresent(token -> options.addHeader("Authorization", "Bearer " + token));
        return http.request(options)
                .chain(request -> request.send())
                .chain(response -> {
                    String length = response.getHeader("Content-Length");
                    if (length != null && Long.parseLong(length.trim()) > maxBytes) {
                        return Uni.createFrom().failure(tooLarge(path, maxBytes));
                    }
                    return response.toMulti()
                            .collect().in(Buffer::buffer, (all, chunk) -> {
                                if (all.length() + chunk.length() > maxBytes) {
                                    throw new UncheckedIOException(tooLarge(path, maxBytes));
                                }
                                all.appendBuffer(chunk);
                            })
                            .onFailure(UncheckedIOException.class).transform(Throwable::getCause)
                            .map(body -> new Answer(response.statusCode(), response.getHeader("ETag"), body));
                })
                .ifNoItem().after(timeout).failWith(() -> new IOException("no answer from " + settings.url() + path
                        + " within " + timeout));
    }

    private String prefix() {
        String path = base.getRawPath();
        return path == null || path.equals("/") ? "" : path.replaceAll("/$", "");
    }

    private static TooLarge tooLarge(String path, long maxBytes) {
        return new TooLarge(path + " answered more than " + maxBytes + " bytes");
    }

    /** mlops-app answered more bytes than the caller accepts. */
    public static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }
}
