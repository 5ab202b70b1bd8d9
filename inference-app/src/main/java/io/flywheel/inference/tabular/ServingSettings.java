package io.flywheel.inference.tabular;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/** Tabular serving over the Open Inference Protocol: request limits, where scoring runs, load shedding, warm-up. */
@ConfigMapping(prefix = "flywheel.serving")
public interface ServingSettings {

    /** The largest request body; a larger one is refused with a 413 before it is read. */
    @WithDefault("4M")
    MemorySize maxBodySize();

    /** The most rows scored in one request; more is a 413 (split the batch). */
    @WithDefault("10000")
    int maxBatchRows();

    /**
     * Requests with a body up to this size are parsed and scored on the event loop that received them (a one-row
     * request costs microseconds: handing it to another thread would cost more); larger ones go to the scoring pool,
     * so that a big batch never holds an event loop. See docs/serving.md for the measurements behind the default.
     */
    @WithDefault("16K")
    MemorySize eventLoopMaxBody();

    /** Threads of the scoring pool; by default one per available processor. */
    OptionalInt scoringThreads();

    /**
     * Requests that may wait for a scoring thread; when they are all taken a request is shed at once (503 with
     * {@code Retry-After}) rather than queued without bound.
     */
    @WithDefault("32")
    int maxQueued();

    /** The {@code Retry-After} of a shed request. */
    @WithDefault("1s")
    Duration shedRetryAfter();

    /** Synthetic rows each version scores before it is swapped in, so the first requests find compiled code. */
    @WithDefault("512")
    int warmUpRows();

    /** How many times the warm-up rows are scored. */
    @WithDefault("20")
    int warmUpRounds();

    /**
     * Model artifacts served from start, by model name ({@code flywheel.serving.model-files.credit-risk=/models/cr.json}),
     * for setups without mlops-app and for benchmarks; served as version 0. A deployment of the same name from
     * mlops-app replaces it.
     */
    Map<String, Path> modelFiles();
}
