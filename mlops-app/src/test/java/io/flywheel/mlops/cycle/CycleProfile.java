package io.flywheel.mlops.cycle;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The scheduled cycle on, following up every second, in approval mode (the default), with quick trainings. */
public class CycleProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flywheel.cycle.enabled", "true", "flywheel.cycle.tick", "1s",
                "flywheel.training.algorithms", "logistic-regression",
                "flywheel.evaluation.max-primary-regression", "0.1", "flywheel.evaluation.max-ece-increase", "0.5",
                "flywheel.evaluation.max-recall-decrease", "1", "flywheel.evaluation.min-recall", "0",
                "flywheel.evaluation.max-ece", "0.5");
    }
}
