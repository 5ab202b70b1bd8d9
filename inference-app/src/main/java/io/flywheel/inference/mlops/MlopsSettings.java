package io.flywheel.inference.mlops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where mlops-app is: the one address this pod reaches it at, for the deployment sync, the API-key sync and the
 * agent's registry tool. Kubernetes sets it as {@code FLYWHEEL_MLOPS_URL}. The credential presented there is the pods'
 * token ({@code flywheel.access.pod-token}).
 */
@ConfigMapping(prefix = "flywheel.mlops")
public interface MlopsSettings {

    /** mlops-app's base URL ({@code http://} or {@code https://}). */
    @WithDefault("http://127.0.0.1:8081")
    String url();
}
