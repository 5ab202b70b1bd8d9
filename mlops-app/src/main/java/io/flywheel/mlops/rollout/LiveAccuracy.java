package io.flywheel.mlops.rollout;

/**
 * Labelled feedback on the predictions of the step's window: how many each version got right.
 *
 * @param canaryLabelled predictions of the canary with a true label
 * @param canaryCorrect  of those, predicted right
 * @param stableLabelled predictions of stable with a true label
 * @param stableCorrect  of those, predicted right
 */
public record LiveAccuracy(long canaryLabelled, long canaryCorrect, long stableLabelled, long stableCorrect) {

    public static final LiveAccuracy NONE = new LiveAccuracy(0, 0, 0, 0);

    double canary() {
        return canaryLabelled == 0 ? Double.NaN : canaryCorrect / (double) canaryLabelled;
    }

    double stable() {
        return stableLabelled == 0 ? Double.NaN : stableCorrect / (double) stableLabelled;
    }
}
