package io.flywheel.mlops.jobs;

import io.flywheel.mlops.registry.NewVersion;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.Stage;
import io.flywheel.mlops.registry.TestArtifacts;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.shared.deployment.ModelKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** A test-only job that registers a Staging version the way {@code retrain} does: in process, with its run as lineage. */
@ApplicationScoped
public class RegisteringJob implements Job {

    static final String NAME = "test-register";

    private final RegistryService registry;

    RegisteringJob(RegistryService registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "registers a Staging version of model job-made";
    }

    @Override
    public Map<String, Object> run(JobContext context) {
        NewVersion version = NewVersion.of("job-made", ModelKind.TABULAR_CLASSIFIER, TestArtifacts.tabular(11))
                .withMetrics(Map.of("auc", 0.87)).withParams(Map.of("algorithm", "logistic-regression"))
                .withDataset("ef".repeat(32)).withRun(context.runId()).withStage(Stage.STAGING);
        VersionView registered = context.await(() -> registry.register(version, context.attribution("nightly")));
        return Map.of("model", registered.model(), "version", registered.version());
    }
}
