package io.flywheel.inference.generation;

import java.time.Duration;

/**
 * A provider call that failed in a way worth retrying: 429, 5xx, a timeout, a reset connection, a truncated stream,
 * an unreadable body. Carries the provider's {@code Retry-After}, already capped, when it sent one.
 */
public class ProviderUnavailable extends RuntimeException {

    private final String kind;
    private final transient Duration retryAfter;

    public ProviderUnavailable(String kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    /** A short stable name of the failure for metrics and the degraded reason: {@code rate-limited}, {@code 503}, ... */
    public String kind() {
        return kind;
    }

    /** How long the provider asked to wait, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
