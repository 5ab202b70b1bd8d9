package io.flywheel.inference.predictions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The per-minute serving aggregates ({@code inference.serving_minute}) this pod writes for mlops-app. */
@ConfigMapping(prefix = "flywheel.serving-minutes")
public interface ServingMinutesSettings {

    /**
     * How often the counts gathered since the last write are added to their minute rows (closed minutes and the open
     * one). A drift run sees traffic at most this old; each write is one upsert per served version and minute.
     */
    @WithDefault("10s")
    Duration flushInterval();

    /** How long a graceful shutdown waits for the last counts to be written. */
    @WithDefault("10s")
    Duration shutdownTimeout();

    /** The pod's name in the rows; default the {@code HOSTNAME} environment variable, else a per-process id. */
    Optional<String> pod();
}
