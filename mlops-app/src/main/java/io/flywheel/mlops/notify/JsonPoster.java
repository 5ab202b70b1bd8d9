package io.flywheel.mlops.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs JSON to a URL with a timeout (Vert.x HTTP client, non-blocking); any status but 2xx is a failure. Shared by the
 * webhook channels and the agent's hooks.
 */
@ApplicationScoped
public class JsonPoster {

    private static final int SUCCESS_CLASS = 2;

    private final HttpClient http;

    public JsonPoster(Vertx vertx) {
        this.http = vertx.createHttpClient();
    }

    /** Sends the body with the extra headers; fails on a timeout, a refused connection or a non-2xx answer. */
    public Uni<String> post(String url, byte[] body, Map<String, String> headers, Duration timeout) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setTimeout(timeout.toMillis()).addHeader("Content-Type", "application/json");
        headers.forEach(options::addHeader);
        return http.request(options)
                .chain(request -> request.send(Buffer.buffer(body)))
                .chain(response -> response.body().map(answer -> {
                    if (response.statusCode() / 100 != SUCCESS_CLASS) {
                        throw new IllegalStateException(new IOException(redactedHost(url) + " answered "
                                + response.statusCode()));
                    }
                    return answer.toString();
                }));
    }

    /** Scheme, host and port of a URL: webhook URLs often carry their secret in the path, which must not be logged. */
    public static String redactedHost(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "an invalid URL";
        }
    }
}
