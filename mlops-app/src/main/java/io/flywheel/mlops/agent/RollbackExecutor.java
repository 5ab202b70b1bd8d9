package io.flywheel.mlops.agent;

import io.flywheel.mlops.persistence.Awaited;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.Stage;
import io.flywheel.mlops.registry.StageChange;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.mlops.rollout.RolloutService;
import io.flywheel.mlops.rollout.RolloutView;
import io.flywheel.shared.problem.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rolls a model back: an active rollout is aborted (all traffic back on stable at once); without one, the version
 * archived most recently — the Production version before the current one — is restored to Production (the current
 * one is archived). Before/after: the Production version and the rollout.
 */
@ApplicationScoped
public class RollbackExecutor implements ActionExecutor {

    private final RolloutService rollouts;
    private final RegistryService registry;
    private final RegistryQueries queries;

    public RollbackExecutor(RolloutService rollouts, RegistryService registry, RegistryQueries queries) {
        this.rollouts = rollouts;
        this.registry = registry;
        this.queries = queries;
    }

    @Override
    public ActionType type() {
        return ActionType.ROLLBACK;
    }

    @Override
    public List<FieldError> validate(String target, Map<String, Object> parameters) {
        return ModelParameter.check(target, parameters);
    }

    @Override
    public ExecutionResult execute(ActionRequest request) {
        String model = ModelParameter.of(request.target(), request.parameters());
        Map<String, Object> before = ProductionFacts.of(registry, model);
        Optional<RolloutView> active = Awaited.result(() -> rollouts.active(model));
        if (active.isPresent()) {
            RolloutView aborted = Awaited.result(() -> rollouts.abort(active.get().id(), AgentAttribution.of(request)));
            return ExecutionResult.succeeded("rollout " + aborted.id() + " of " + model + " v" + aborted.version()
                    + " aborted; all traffic is back on v" + aborted.stableVersion(), before,
                    Map.of("production_version", aborted.stableVersion(), "rollout", aborted.id().toString(),
                            "rollout_status", aborted.status()));
        }
        Optional<VersionView> previous = Awaited.result(() -> queries.versions(model, Stage.ARCHIVED)).stream()
                .max(Comparator.comparing(VersionView::stageChangedAt));
        if (previous.isEmpty()) {
            return ExecutionResult.failed("no active rollout and no archived version of " + model + " to return to");
        }
        int version = previous.get().version();
        Awaited.result(() -> registry.transition(model, version, new StageChange(Stage.PRODUCTION,
                request.reasoning(), true), AgentAttribution.of(request)));
        return ExecutionResult.succeeded(model + " v" + version + " is Production again", before,
                ProductionFacts.of(registry, model));
    }
}
