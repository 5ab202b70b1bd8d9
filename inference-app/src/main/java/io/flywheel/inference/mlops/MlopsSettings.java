package io.flywheel.inference.mlops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Where mlops-app is: the one address this pod reaches it at, for the deployment sync, the API-key sync and the
 * agent's registry tool. Kubernetes sets it as {@code FLYWHEEL_MLOPS_URL}.
 */
@ConfigMapping(prefix = "flywheel.mlops")
public interface MlopsSettings {

    /** mlops-app's base URL ({@code http://} or {@code https://}). */
    @WithDefault("http://127.0.0.1:8081")
    String url();

    /** A key sent as {@code Authorization: Bearer} on every call, for an mlops-app that requires one; none by default. */
    Optional<String> apiKey();
}
