package io.flywheel.shared.evaluation;

import java.util.Arrays;

/**
 * Scores grouped by distinct value, highest first, with how many positives and negatives share each value — what
 * every ranking metric sweeps over. Built by sorting the positives' and negatives' scores apart (primitive sorts,
 * O(n log n)) and merging them from the top, so tied scores are handled exactly.
 */
final class ScoreGroups {

    final double[] score;
    final int[] positives;
    final int[] negatives;
    final int size;
    final long totalPositives;
    final long totalNegatives;

    ScoreGroups(int[] labels, double[] scores) {
        Inputs.check(labels, scores);
        int positiveCount = Inputs.positives(labels);
        double[] positive = new double[positiveCount];
        double[] negative = new double[labels.length - positiveCount];
        int p = 0;
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1) {
                positive[p++] = scores[i];
            } else {
                negative[n++] = scores[i];
            }
        }
        Arrays.sort(positive);
        Arrays.sort(negative);
        score = new double[labels.length];
        positives = new int[labels.length];
        negatives = new int[labels.length];
        int groups = 0;
        p = positive.length - 1;
        n = negative.length - 1;
        while (p >= 0 || n >= 0) {
            double top = Math.max(p >= 0 ? positive[p] : Double.NEGATIVE_INFINITY,
                    n >= 0 ? negative[n] : Double.NEGATIVE_INFINITY);
            score[groups] = top;
            while (p >= 0 && positive[p] == top) {
                positives[groups]++;
                p--;
            }
            while (n >= 0 && negative[n] == top) {
                negatives[groups]++;
                n--;
            }
            groups++;
        }
        size = groups;
        totalPositives = positive.length;
        totalNegatives = negative.length;
    }
}
