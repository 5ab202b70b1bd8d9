package io.flywheel.inference.predictions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The prediction log: every scored row, written to {@code inference.prediction} in the background, in batches. */
@ConfigMapping(prefix = "flywheel.prediction-log")
public interface PredictionLogSettings {

    /**
     * Rows that may wait to be written. When the buffer is full, new predictions are dropped and counted
     * ({@code flywheel_prediction_log_dropped_total}) rather than slowing requests down. A row takes about 1 KB (its
     * features as JSON): the default holds a second or two of a busy pod's rows in about 20 MB; a larger buffer rides
     * out longer database stalls but, while it is full, lengthens garbage-collection pauses (docs/benchmarks.md).
     */
    @WithDefault("20000")
    int capacity();

    /** Rows written per statement. */
    @WithDefault("1000")
    int batchSize();

    /**
     * How often the buffer is written out. Short, so that buffered rows die young: rows that outlive a young garbage
     * collection are copied and promoted, which lengthens its pauses (measured in docs/benchmarks.md).
     */
    @WithDefault("50ms")
    Duration flushInterval();

    /** How long a graceful shutdown waits for the buffer to be written. */
    @WithDefault("20s")
    Duration shutdownTimeout();
}
