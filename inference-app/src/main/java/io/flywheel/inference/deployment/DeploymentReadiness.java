package io.flywheel.inference.deployment;

import io.flywheel.inference.tabular.ServedModels;
import io.flywheel.inference.tabular.ServingState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the deployments from mlops-app have been applied once (every deployed model served, or refused with a
 * reason), so that a new pod takes no traffic it would answer with 503. From then on it stays ready whatever happens
 * to mlops-app or the database: the pod serves from memory. The served versions are reported as data.
 */
@Readiness
@ApplicationScoped
public class DeploymentReadiness implements HealthCheck {

    private final ServedModels served;
    private final DeploymentSync sync;

    public DeploymentReadiness(ServedModels served, DeploymentSync sync) {
        this.served = served;
        this.sync = sync;
    }

    @Override
    public HealthCheckResponse call() {
        DeploymentSync.Status status = sync.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("deployments")
                .status(served.hasReceivedDeployments())
                .withData("mlops-app", status.mlopsUrl())
                .withData("revision", status.revision());
        if (status.unreachable() != null) {
            response.withData("mlops-app unreachable", status.unreachable());
        }
        for (Map.Entry<String, ServingState> model : served.all().entrySet()) {
            ServingState state = model.getValue();
            response.withData("model " + model.getKey(), "v" + state.stable().label() + (state.canary() == null ? ""
                    : ", canary v" + state.canary().label() + " at " + state.canaryWeight()));
        }
        served.unavailable().forEach((model, why) -> response.withData("model " + model, "unavailable: " + why));
        return response.build();
    }
}
