package io.flywheel.inference.generation;

import io.flywheel.inference.assistant.AssistantSettings;
import io.quarkus.arc.Arc;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before retrying a provider: what the provider asked for in {@code Retry-After} (already capped by
 * {@link ProviderCall}), else exponential backoff with full jitter — a uniform wait between 0 and
 * {@code min(max-backoff, initial × 2^attempt)}, which spreads the retries of many clients instead of synchronising
 * them. SmallRye Fault Tolerance creates one instance per invocation.
 */
public class ProviderBackoff implements CustomBackoffStrategy {

    private static final int MAX_DOUBLINGS = 20;

    private long initialMillis;
    private long maxMillis;
    private long maxRetryAfterMillis;
    private int attempt;
    private GenerationMetrics metrics;

    /** The annotation's delay is not used: the backoff is configured in {@code flywheel.assistant.retry}. */
    @Override
    public void init(long ignoredAnnotationDelay) {
        AssistantSettings settings = Arc.container().instance(AssistantSettings.class).get();
        this.metrics = Arc.container().instance(GenerationMetrics.class).get();
        this.initialMillis = Math.max(1, settings.retry().initialBackoff().toMillis());
        this.maxMillis = settings.retry().maxBackoff().toMillis();
        this.maxRetryAfterMillis = settings.retry().maxRetryAfter().toMillis();
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        attempt++;
        if (cause instanceof ProviderUnavailable unavailable && unavailable.retryAfter() != null) {
            metrics.retryAfterHonoured();
            // capped again here: this sleep is not interrupted by the stage's Timeout nor bounded by its maxDuration
            return Math.min(unavailable.retryAfter().toMillis(), maxRetryAfterMillis);
        }
        long ceiling = Math.min(maxMillis, initialMillis << Math.min(attempt - 1, MAX_DOUBLINGS));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }
}
