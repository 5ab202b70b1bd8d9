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
 * The seam with the fallback provider (the secondary route of the assistant config), guarded like the primary with
 * its own circuit; when it fails too — or there is none — the answer is composed extractively from the passages and
 * flagged as degraded with the reasons of both stages.
 */
@ApplicationScoped
public class FallbackGeneration {

    static final String CIRCUIT = "llm-fallback";

    private final ProviderCall call;
    private final ExtractiveAnswerer extractive;
    private final GenerationMetrics metrics;

    public FallbackGeneration(ProviderCall call, ExtractiveAnswerer extractive, GenerationMetrics metrics) {
        this.call = call;
        this.extractive = extractive;
        this.metrics = metrics;
    }

    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 0, jitter = 0, maxDuration = 30, durationUnit = ChronoUnit.SECONDS,
            retryOn = {ProviderUnavailable.class, TimeoutException.class}, abortOn = ProviderRejected.class)
    @CustomBackoff(ProviderBackoff.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, failOn = {ProviderUnavailable.class, TimeoutException.class})
    @CircuitBreakerName(CIRCUIT)
    @Bulkhead(64)
    @Fallback(fallbackMethod = "toExtractive")
    @AsynchronousNonBlocking
    public Uni<Generation> generate(GenerationRequest request) {
        if (request.fallback() == null || ExtractiveAnswerer.PROVIDER.equals(request.fallback().provider())) {
            return Uni.createFrom().failure(new ProviderRejected("no-fallback", "no fallback provider configured",
                    null));
        }
        return call.call(request.fallback(), request).map(generation -> generation.degradedBecause(request.reason()));
    }

    Uni<Generation> toExtractive(GenerationRequest request, Throwable failure) {
        if (request.abandonment().abandoned()) {
            return Uni.createFrom().failure(failure);
        }
        String reason = failure instanceof ProviderRejected rejected && "no-fallback".equals(rejected.kind())
                ? request.reason()
                : request.failedOver("fallback " + request.fallback().provider() + ": " + Failures.describe(failure))
                        .reason();
        if (request.fallback() != null && !ExtractiveAnswerer.PROVIDER.equals(request.fallback().provider())) {
            metrics.fellBack("fallback", ExtractiveAnswerer.PROVIDER);
        }
        return Uni.createFrom().item(extractive.answer(request.question(), request.passages(), reason));
    }
}
