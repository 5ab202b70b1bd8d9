package io.flywheel.inference.generation;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.mutiny.Uni;

/**
 * The seam with the primary provider: each attempt is timed out, failures worth it are retried with backoff (and a
 * 429's {@code Retry-After}), a circuit breaker stops calling a provider that keeps failing, a bulkhead bounds the
 * calls in flight, and whatever still fails goes to {@link FallbackGeneration}. The values here are defaults;
 * production and tests set them in {@code application.properties} ({@code PrimaryGeneration/generate/Timeout/value}).
 * Non-blocking: the guards apply to the returned {@link Uni}, a retry waits on a timer, no thread waits for the
 * provider.
 */
@ApplicationScoped
public class PrimaryGeneration {

    static final String CIRCUIT = "llm-primary";

    private final ProviderCall call;
    private final FallbackGeneration fallback;
    private final GenerationMetrics metrics;

    public PrimaryGeneration(ProviderCall call, FallbackGeneration fallback, GenerationMetrics metrics) {
        this.call = call;
        this.fallback = fallback;
        this.metrics = metrics;
    }

    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 0, jitter = 0, maxDuration = 60, durationUnit = ChronoUnit.SECONDS,
            retryOn = {ProviderUnavailable.class, TimeoutException.class}, abortOn = ProviderRejected.class)
    @CustomBackoff(ProviderBackoff.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, failOn = {ProviderUnavailable.class, TimeoutException.class})
    @CircuitBreakerName(CIRCUIT)
    @Bulkhead(64)
    @Fallback(fallbackMethod = "toFallback")
    @AsynchronousNonBlocking
    public Uni<Generation> generate(GenerationRequest request) {
        return call.call(request.primary(), request);
    }

    Uni<Generation> toFallback(GenerationRequest request, Throwable failure) {
        if (request.abandonment().abandoned()) {
            return Uni.createFrom().failure(failure);
        }
        GenerationRequest next = request.failedOver("primary " + request.primary().provider() + ": "
                + Failures.describe(failure));
        metrics.fellBack("primary", next.fallback() == null ? ExtractiveAnswerer.PROVIDER : "fallback");
        return fallback.generate(next);
    }
}
