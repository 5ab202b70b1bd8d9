package io.flywheel.mlops.drift;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Trains logistic regression alone, with two folds: the real pipeline on the real data, in a fraction of the time. */
public class LogisticRegressionOnly implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flywheel.training.algorithms", "logistic-regression", "flywheel.training.folds", "2");
    }
}
