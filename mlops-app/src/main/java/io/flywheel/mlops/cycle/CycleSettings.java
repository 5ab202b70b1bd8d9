package io.flywheel.mlops.cycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The scheduled cycle: retrain → evaluate → rollout, followed up from the job runs' records. */
@ConfigMapping(prefix = "flywheel.cycle")
public interface CycleSettings {

    /** Whether this app follows up retrains and evaluations (off: each step is started by hand or by its cron). */
    @WithDefault("true")
    boolean enabled();

    /** {@code approval}: a passed version waits in the agent's approval queue as a deploy action; {@code auto}: its
     * rollout starts at once. */
    @WithDefault("approval")
    String rollout();

    /** How often the records are read for steps to follow up. */
    @WithDefault("15s")
    String tick();

    /** How far back a finished run is still followed up (older ones were someone else's business). */
    @WithDefault("24h")
    Duration lookback();

    /** Most entries {@code GET /api/models/{name}/timeline} answers (the newest). */
    @WithDefault("1000")
    int timelineSize();
}
