package io.flywheel.inference.generation;

import io.flywheel.inference.assistant.AssistantSettings;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before retrying a provider: what the provider asked for in {@code Retry-After} (already capped by
 * {@link ProviderCall}), else exponential backoff with full jitter — a uniform wait between 0 and
 * {@code min(max-backoff, initial × 2^attempt)}, which spreads the retries of many clients instead of synchronising
 * them. SmallRye Fault Tolerance creates one instance per invocation, so the settings are resolved once per
 * application start (looking beans up on every call showed in the gateway's profile), not in each instance.
 */
public class ProviderBackoff implements CustomBackoffStrategy {

    private static final int MAX_DOUBLINGS = 20;
    private static volatile Resolved resolved;

    private Resolved settings;
    private int attempt;

    /** The annotation's delay is not used: the backoff is configured in {@code flywheel.assistant.retry}. */
    @Override
    public void init(long ignoredAnnotationDelay) {
        ArcContainer container = Arc.container();
        Resolved current = resolved;
        if (current == null || current.container() != container) {
            current = Resolved.from(container);
            resolved = current;
        }
        this.settings = current;
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        attempt++;
        if (cause instanceof ProviderUnavailable unavailable && unavailable.retryAfter() != null) {
            settings.metrics().retryAfterHonoured();
            // capped again here: this wait is not interrupted by the stage's Timeout nor bounded by its maxDuration
            return Math.min(unavailable.retryAfter().toMillis(), settings.maxRetryAfterMillis());
        }
        long ceiling = Math.min(settings.maxMillis(), settings.initialMillis() << Math.min(attempt - 1, MAX_DOUBLINGS));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    /** The backoff settings of one application start (tests start several in one JVM). */
    private record Resolved(ArcContainer container, long initialMillis, long maxMillis, long maxRetryAfterMillis,
                            GenerationMetrics metrics) {

        static Resolved from(ArcContainer container) {
            AssistantSettings.Retry retry = container.instance(AssistantSettings.class).get().retry();
            return new Resolved(container, Math.max(1, retry.initialBackoff().toMillis()),
                    retry.maxBackoff().toMillis(), retry.maxRetryAfter().toMillis(),
                    container.instance(GenerationMetrics.class).get());
        }
    }
}
