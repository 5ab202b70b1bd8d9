package io.flywheel.loadtest;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one scenario measured: latencies in an HdrHistogram (microseconds, 3 significant digits) and k6's counters.
 * Safe to record into from many threads.
 */
final class Measurements {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram latencyMicros = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
    private final LongAdder requests = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder checksPassed = new LongAdder();
    private final LongAdder checksFailed = new LongAdder();
    private final LongAdder iterations = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    void request(long latencyNanos, boolean failedRequest, boolean checkPassed) {
        latencyMicros.recordValue(Math.max(1, latencyNanos / 1_000));
        requests.increment();
        if (failedRequest) {
            failed.increment();
        }
        (checkPassed ? checksPassed : checksFailed).increment();
    }

    void iterationDone() {
        iterations.increment();
    }

    void dropped(long count) {
        dropped.add(count);
    }

    Snapshot snapshot(double elapsedSeconds) {
        return new Snapshot(latencyMicros.copy(), requests.sum(), failed.sum(), checksPassed.sum(), checksFailed.sum(),
                iterations.sum(), dropped.sum(), elapsedSeconds);
    }

    /** A frozen copy, which can be merged with others for thresholds without a scenario tag. */
    record Snapshot(Histogram latencyMicros, long requests, long failed, long checksPassed, long checksFailed,
                    long iterations, long dropped, double elapsedSeconds) {

        static Snapshot merge(Collection<Snapshot> parts, double elapsedSeconds) {
            Histogram latency = new Histogram(SIGNIFICANT_DIGITS);
            long requests = 0;
            long failed = 0;
            long passed = 0;
            long checksFailed = 0;
            long iterations = 0;
            long dropped = 0;
            for (Snapshot part : parts) {
                latency.add(part.latencyMicros);
                requests += part.requests;
                failed += part.failed;
                passed += part.checksPassed;
                checksFailed += part.checksFailed;
                iterations += part.iterations;
                dropped += part.dropped;
            }
            return new Snapshot(latency, requests, failed, passed, checksFailed, iterations, dropped, elapsedSeconds);
        }

        /** A latency percentile in milliseconds (NaN without samples). */
        double latencyMillis(double percentile) {
            return requests == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1_000.0;
        }

        String describe() {
            return String.format("%d requests, %d failed (%.2f%%), checks %.2f%%, %d dropped; latency ms avg %.2f med %.2f"
                            + " p(95) %.2f p(99) %.2f max %.2f", requests, failed, requests == 0 ? 0 : 100.0 * failed / requests,
                    checksPassed + checksFailed == 0 ? 0 : 100.0 * checksPassed / (checksPassed + checksFailed), dropped,
                    requests == 0 ? Double.NaN : latencyMicros.getMean() / 1_000, latencyMillis(50), latencyMillis(95),
                    latencyMillis(99), requests == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1_000.0);
        }
    }
}
