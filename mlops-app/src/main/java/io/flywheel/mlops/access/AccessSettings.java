package io.flywheel.mlops.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Who may call mlops-app: API keys, the inference pods' token, OIDC bearer tokens (see docs/governance.md). */
@ConfigMapping(prefix = "flywheel.access")
public interface AccessSettings {

    /**
     * Whether callers must authenticate. Off in the embedded default, where every caller is a local admin (a warning
     * says so at start); on in every deployed environment.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * A key accepted as admin besides the stored ones, from a secret: how the first real key is created when access is
     * on. Remove it from the secret once an admin key exists.
     */
    Optional<String> bootstrapAdminKey();

    /**
     * The token inference pods present (the same secret is given to both apps); it grants {@link Roles#INFERENCE_POD}
     * and {@link Roles#VIEWER}, what a pod needs to read keys, deployments and artifacts.
     */
    Optional<String> podToken();
}
