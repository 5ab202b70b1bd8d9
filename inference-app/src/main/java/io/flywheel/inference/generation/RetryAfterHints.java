package io.flywheel.inference.generation;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code Retry-After} a provider sent last, per provider host. langchain4j's exceptions carry the status and the
 * body but not the headers, so {@link ProviderHttp} notes the header here as the response passes and
 * {@link ProviderCall} reads it back when it turns the resulting exception into a {@link ProviderUnavailable}. A
 * rate limit is the provider's state, not one request's, so keying by host is what a client should honour anyway —
 * but only a hint that arrived during the failed call counts: an older one belongs to an earlier response, and
 * applying it to a failure that sent none (a 500 after yesterday's 429) would make the gateway wait for nothing.
 */
@ApplicationScoped
public class RetryAfterHints {

    private final Map<String, Hint> hints = new ConcurrentHashMap<>();

    void record(URI request, Duration wait) {
        Instant now = Instant.now();
        hints.put(key(request), new Hint(now, now.plus(wait)));
    }

    /**
     * How long to wait before calling this provider again, if a response received at or after {@code since} asked
     * for a wait that has not yet passed.
     */
    public Duration remaining(String baseUrl, Instant since) {
        Hint hint = hints.get(key(URI.create(baseUrl)));
        if (hint == null || hint.received().isBefore(since)) {
            return null;
        }
        Duration left = Duration.between(Instant.now(), hint.notBefore());
        return left.isNegative() ? null : left;
    }

    /** A {@code Retry-After} value, in seconds (fractions allowed) or as an HTTP date; {@code null} if neither. */
    static Duration parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
    }

    private static String key(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    private record Hint(Instant received, Instant notBefore) {
    }
}
