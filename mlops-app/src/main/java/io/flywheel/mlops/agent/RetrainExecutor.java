package io.flywheel.mlops.agent;

import io.flywheel.mlops.jobs.JobService;
import io.flywheel.mlops.jobs.JobTrigger;
import io.flywheel.mlops.persistence.Awaited;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.training.RetrainJob;
import io.flywheel.shared.problem.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Starts the {@code retrain} job for a model, on the dataset of its name or the one given ({@code dataset}); the
 * scheduled cycle then evaluates the version it registers and rolls it out. Before: the Production version; after: the queued run.
 */
@ApplicationScoped
public class RetrainExecutor implements ActionExecutor {

    private final JobService jobs;
    private final RegistryService registry;

    public RetrainExecutor(JobService jobs, RegistryService registry) {
        this.jobs = jobs;
        this.registry = registry;
    }

    @Override
    public ActionType type() {
        return ActionType.RETRAIN;
    }

    @Override
    public List<FieldError> validate(String target, Map<String, Object> parameters) {
        return ModelParameter.check(target, parameters);
    }

    @Override
    public ExecutionResult execute(ActionRequest request) {
        String model = ModelParameter.of(request.target(), request.parameters());
        // retrain's own convention: a model is named after its dataset (or give dataset, e.g. feedback:<model>)
        String dataset = request.parameter("dataset") != null ? request.parameter("dataset") : model;
        Map<String, String> parameters = Map.of("model", model, "dataset", dataset);
        Map<String, Object> before = ProductionFacts.of(registry, model);
        var run = Awaited.result(() -> jobs.start(RetrainJob.NAME, parameters, new JobTrigger("agent",
                request.approver() == null ? "agent" : request.approver())));
        return ExecutionResult.succeeded("retrain of " + model + " started as run " + run.id(), before,
                Map.of("retrain_run", run.id().toString(), "parameters", parameters));
    }
}
