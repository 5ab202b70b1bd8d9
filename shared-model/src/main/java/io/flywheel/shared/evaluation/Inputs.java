package io.flywheel.shared.evaluation;

/** Checks on labels and scores shared by every metric. */
final class Inputs {

    private Inputs() {
    }

    /** Labels must be 0/1, scores probabilities, one per label. */
    static void check(int[] labels, double[] scores) {
        if (labels.length != scores.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + scores.length + " scores");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + "; labels are 0 or 1");
            }
            if (!(scores[i] >= 0 && scores[i] <= 1)) {
                throw new IllegalArgumentException("score " + i + " is " + scores[i] + "; scores are probabilities");
            }
        }
    }

    static int positives(int[] labels) {
        int positives = 0;
        for (int label : labels) {
            positives += label;
        }
        return positives;
    }
}
