package io.flywheel.mlops;

import java.util.Map;

/**
 * Settings of the tests that train and roll out versions to test what follows a training, not the training: one
 * algorithm keeps each training short, and the gates are relaxed so that an ordinary retrain passes them
 * (docs/training.md has the gates' own tests).
 */
public final class QuickTrainings {

    public static final Map<String, String> SETTINGS = Map.of(
            "flywheel.training.algorithms", "logistic-regression",
            "flywheel.evaluation.max-primary-regression", "0.1",
            "flywheel.evaluation.max-ece-increase", "0.5",
            "flywheel.evaluation.max-recall-decrease", "1",
            "flywheel.evaluation.min-recall", "0",
            "flywheel.evaluation.max-ece", "0.5");

    private QuickTrainings() {
    }
}
