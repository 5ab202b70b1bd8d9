package io.flywheel.mlops.agent;

import io.flywheel.mlops.persistence.Awaited;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.rollout.RolloutRequest;
import io.flywheel.mlops.rollout.RolloutService;
import io.flywheel.shared.problem.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a rollout of a passed Staging version (parameters {@code model}, {@code version}, optional
 * {@code strategy}); the rollout controller then takes it through its steps. Before: the Production version; after:
 * the rollout at its first step.
 */
@ApplicationScoped
public class DeployExecutor implements ActionExecutor {

    private final RolloutService rollouts;
    private final RegistryService registry;

    public DeployExecutor(RolloutService rollouts, RegistryService registry) {
        this.rollouts = rollouts;
        this.registry = registry;
    }

    @Override
    public ActionType type() {
        return ActionType.DEPLOY;
    }

    @Override
    public List<FieldError> validate(String target, Map<String, Object> parameters) {
        List<FieldError> errors = new ArrayList<>(ModelParameter.check(target, parameters));
        Object version = parameters.get("version");
        if (version == null || !version.toString().matches("[1-9][0-9]{0,8}")) {
            errors.add(new FieldError("parameters.version", "required, a version number"));
        }
        return errors;
    }

    @Override
    public ExecutionResult execute(ActionRequest request) {
        String model = ModelParameter.of(request.target(), request.parameters());
        int version = Integer.parseInt(request.parameter("version"));
        Map<String, Object> before = ProductionFacts.of(registry, model);
        var rollout = Awaited.result(() -> rollouts.start(new RolloutRequest(model, version,
                request.parameter("strategy"), null, request.reasoning()), AgentAttribution.of(request)));
        return ExecutionResult.succeeded("rollout " + rollout.id() + " of " + model + " v" + version + " started at "
                + Math.round(rollout.weight() * 100) + "%", before, Map.of("rollout", rollout.id().toString(),
                "canary_version", version, "canary_weight", rollout.weight()));
    }
}
