package io.flywheel.inference.generation;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code Retry-After} a provider sent last, per provider host. langchain4j's exceptions carry the status and the
 * body but not the headers, so {@link RetryAfterFilter} notes the header here as the response passes and
 * {@link ProviderCall} reads it back when it turns the resulting exception into a {@link ProviderUnavailable}. A
 * rate limit is the provider's state, not one request's, so keying by host is what a client should honour anyway.
 */
@ApplicationScoped
public class RetryAfterHints {

    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();

    void record(URI request, Duration wait) {
        notBefore.put(key(request), Instant.now().plus(wait));
    }

    /** How long to wait before calling this provider again, if it asked for a wait that has not yet passed. */
    public Duration remaining(String baseUrl) {
        Instant until = notBefore.get(key(URI.create(baseUrl)));
        if (until == null) {
            return null;
        }
        Duration left = Duration.between(Instant.now(), until);
        return left.isNegative() ? null : left;
    }

    private static String key(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
