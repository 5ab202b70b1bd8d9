package io.flywheel.shared.deployment;

import java.util.List;

/**
 * What every inference pod should be serving, as mlops-app publishes it on {@code GET /api/deployments}
 * (with an ETag; pods poll with {@code If-None-Match}). The {@code revision} grows with every change.
 */
public record Deployments(long revision, List<ModelDeployment> models) {

    public Deployments {
        models = models == null ? List.of() : List.copyOf(models);
    }
}
