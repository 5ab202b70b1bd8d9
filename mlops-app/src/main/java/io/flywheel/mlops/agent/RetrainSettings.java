package io.flywheel.mlops.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the agent's retrain action waits for the {@code retrain} job it starts. */
@ConfigMapping(prefix = "flywheel.agent.retrain")
public interface RetrainSettings {

    /** How long the action waits for the run to end; past it the action fails and the run goes on. */
    @WithDefault("60m")
    Duration timeout();

    /** How often the run's record is read while it runs. */
    @WithDefault("2s")
    Duration pollInterval();
}
