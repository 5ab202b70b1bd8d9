package io.flywheel.inference.safety;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Safety counters: personal data found, answers blocked or refused, answers redacted, validation retries. */
@ApplicationScoped
public class SafetyMetrics {

    private final MeterRegistry registry;

    public SafetyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void piiFound(String stage, String type) {
        Counter.builder("flywheel.safety.pii").description("Personal data found, by stage and type")
                .tag("stage", stage).tag("type", type).register(registry).increment();
    }

    /** A request or answer refused by a safety check ({@code injection}, {@code blocked-content}, {@code validation}). */
    public void blocked(String stage, String reason) {
        Counter.builder("flywheel.safety.blocks").description("Requests and answers refused by a safety check")
                .tag("stage", stage).tag("reason", reason).register(registry).increment();
    }

    /** An answer that failed validation and was generated again. */
    public void regenerated(String reason) {
        Counter.builder("flywheel.safety.regenerations").description("Answers generated again after failing validation")
                .tag("reason", reason).register(registry).increment();
    }
}
