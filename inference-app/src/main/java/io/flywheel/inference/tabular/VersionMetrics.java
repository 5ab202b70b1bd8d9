package io.flywheel.inference.tabular;

import io.flywheel.inference.predictions.ServingMinutes;
import io.flywheel.shared.problem.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one served model version, tagged {@code model} and {@code version}: what the dashboard, the alert
 * rules and the rollout controller read from every pod. Registered when the version is loaded (so a canary's series
 * exist at zero before its first request) and removed when it is no longer served. The same requests and errors
 * are counted into {@link ServingMinutes}, the persisted per-minute series mlops-app reads.
 */
public final class VersionMetrics {

    static final String LATENCY = "flywheel.inference.latency";
    static final String ERRORS = "flywheel.inference.errors";
    static final String BATCH_ROWS = "flywheel.inference.batch.rows";
    static final String PROBABILITY = "flywheel.inference.probability";

    /** Bucket bounds around the 5 ms target, so that p50/p95/p99 are read with that resolution. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofNanos(100_000), Duration.ofNanos(250_000),
            Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(3),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final double[] PROBABILITY_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    private static final double[] ROW_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};

    private final MeterRegistry registry;
    private final ServingMinutes minutes;
    private final String model;
    private final int version;
    private final Tags tags;
    private final Timer latency;
    private final DistributionSummary rows;
    private final DistributionSummary probability;
    private final Counter invalid;
    private final Counter tooLarge;
    private final Counter scoringFailed;

    VersionMetrics(MeterRegistry registry, ServingMinutes minutes, String model, int version) {
        this.registry = registry;
        this.minutes = minutes;
        this.model = model;
        this.version = version;
        this.tags = Tags.of("model", model, "version", Integer.toString(version));
        this.latency = Timer.builder(LATENCY).tags(tags)
                .description("Scoring requests answered by a model version, from body read to response built")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        this.rows = DistributionSummary.builder(BATCH_ROWS).tags(tags).description("Rows per request")
                .serviceLevelObjectives(ROW_BUCKETS).register(registry);
        this.probability = DistributionSummary.builder(PROBABILITY).tags(tags)
                .description("Predicted positive-class probability of every scored row")
                .serviceLevelObjectives(PROBABILITY_BUCKETS).register(registry);
        this.invalid = error("invalid-request");
        this.tooLarge = error("payload-too-large");
        this.scoringFailed = error("scoring-failed");
    }

    /** A request answered: its latency, its rows and their probabilities. */
    void answered(long nanos, double[] probabilities, int count) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        minutes.answered(model, version, nanos, count);
        rows.record(count);
        for (int row = 0; row < count; row++) {
            probability.record(probabilities[row]);
        }
    }

    /** A request routed to this version but refused: its rows do not fit its inputs (422), or are too many (413). */
    void refused(int status) {
        (status == ProblemType.PAYLOAD_TOO_LARGE.status() ? tooLarge : invalid).increment();
        minutes.failed(model, version);
    }

    /** A request routed to this version (a canary) whose scoring threw; the stable version answered it instead. */
    void failed() {
        scoringFailed.increment();
        minutes.failed(model, version);
    }

    /** Removes this version's series; called when the version is no longer served. */
    void remove() {
        for (Meter meter : List.of(latency, rows, probability, invalid, tooLarge, scoringFailed)) {
            registry.remove(meter);
        }
    }

    private Counter error(String type) {
        return Counter.builder(ERRORS).tags(tags).tag("type", type)
                .description("Requests routed to a model version and refused, by problem type").register(registry);
    }
}
