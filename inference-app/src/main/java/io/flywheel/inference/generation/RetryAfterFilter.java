package io.flywheel.inference.generation;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Notes the {@code Retry-After} of 429 and 503 responses (seconds or an HTTP date) in {@link RetryAfterHints}. As a
 * {@code @Provider} it applies to every REST client of the app, including the one quarkus-langchain4j builds for the
 * OpenAI API.
 */
@Provider
public class RetryAfterFilter implements ClientResponseFilter {

    private static final int TOO_MANY_REQUESTS = 429;
    private static final int SERVICE_UNAVAILABLE = 503;

    private final RetryAfterHints hints;

    public RetryAfterFilter(RetryAfterHints hints) {
        this.hints = hints;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        int status = response.getStatus();
        if (status != TOO_MANY_REQUESTS && status != SERVICE_UNAVAILABLE) {
            return;
        }
        Duration wait = parse(response.getHeaderString(HttpHeaders.RETRY_AFTER));
        if (wait != null) {
            hints.record(request.getUri(), wait);
        }
    }

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
}
