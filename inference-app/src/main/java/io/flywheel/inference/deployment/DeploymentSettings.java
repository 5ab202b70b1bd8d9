package io.flywheel.inference.deployment;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How this pod learns what to serve from mlops-app ({@code GET /api/deployments}) and fetches the artifacts. */
@ConfigMapping(prefix = "flywheel.deployments")
public interface DeploymentSettings {

    /**
     * Whether deployments are polled from mlops-app. Off only for a pod that serves model files alone
     * ({@code flywheel.serving.model-files}); readiness then does not wait for mlops-app.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often deployments are polled: a pod serves a new deployment at most this long (plus loading) after
     * mlops-app publishes it. An unchanged state costs a 304.
     */
    @WithDefault("5s")
    Duration pollInterval();

    /** Timeout of one poll of the deployments. */
    @WithDefault("2s")
    Duration requestTimeout();

    /** Timeout of one artifact download. */
    @WithDefault("60s")
    Duration artifactTimeout();

    /** The largest artifact downloaded; a larger one is refused (and the served version stays). */
    @WithDefault("256M")
    MemorySize maxArtifactSize();
}
