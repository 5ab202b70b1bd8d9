package io.flywheel.mlops.drift;

import io.flywheel.mlops.predictions.PredictionLog;
import io.flywheel.shared.drift.DriftAccumulator;
import java.time.Instant;

/**
 * What a drift run measured of its window: the counts per reference bin summed over the window's serving minutes,
 * the span of those minutes, and the predictions of the window that received feedback (for live accuracy and AUC).
 *
 * @param counts   the window's rows, binned
 * @param from     the start of the window's oldest minute, or {@code null} when it is empty
 * @param to       the end of its newest minute, or {@code null}
 * @param labelled the labelled predictions answered in {@code [from, to)}
 */
record LiveSample(DriftAccumulator counts, Instant from, Instant to, PredictionLog.Labelled labelled) {

    static final PredictionLog.Labelled NONE = new PredictionLog.Labelled(new double[0], new int[0]);

    long rows() {
        return counts.rows();
    }
}
