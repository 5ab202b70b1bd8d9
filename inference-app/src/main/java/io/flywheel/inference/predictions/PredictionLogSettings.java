package io.flywheel.inference.predictions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The prediction log: every scored row, written to {@code inference.prediction} in the background, in batches. */
@ConfigMapping(prefix = "flywheel.prediction-log")
public interface PredictionLogSettings {

    /**
     * Rows that may wait to be written. When the buffer is full, new predictions are dropped and counted
     * ({@code flywheel_prediction_log_dropped_total}) rather than slowing requests down; about 1 KB per row of 30
     * features.
     */
    @WithDefault("100000")
    int capacity();

    /** Rows written per statement. */
    @WithDefault("1000")
    int batchSize();

    /** How often the buffer is written out. */
    @WithDefault("200ms")
    Duration flushInterval();

    /** How long a graceful shutdown waits for the buffer to be written. */
    @WithDefault("20s")
    Duration shutdownTimeout();
}
