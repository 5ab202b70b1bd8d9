package io.flywheel.inference.generation;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** Short, stable names for why a generation stage failed, as clients see them in {@code degraded_reason}. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable failure) {
        if (failure instanceof ProviderUnavailable unavailable) {
            return unavailable.kind();
        }
        if (failure instanceof ProviderRejected rejected) {
            return rejected.kind();
        }
        if (failure instanceof TimeoutException) {
            return "timeout";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "circuit-open";
        }
        if (failure instanceof BulkheadException) {
            return "overloaded";
        }
        return failure.getClass().getSimpleName();
    }
}
