package io.flywheel.shared.evaluation;

import java.util.List;

/**
 * How well probabilities match observed frequencies, in equal-width bins over [0, 1].
 *
 * @param bins                     the bins, lowest first
 * @param expectedCalibrationError {@code Σ (count/n) · |meanPredicted − observedRate|} over non-empty bins
 */
public record ReliabilityDiagram(List<ReliabilityBin> bins, double expectedCalibrationError) {

    public ReliabilityDiagram {
        bins = List.copyOf(bins);
    }

    /** The diagram of these scores in {@code binCount} equal-width bins. */
    public static ReliabilityDiagram of(int[] labels, double[] scores, int binCount) {
        Inputs.check(labels, scores);
        if (binCount < 1) {
            throw new IllegalArgumentException("a reliability diagram needs at least one bin, was " + binCount);
        }
        long[] counts = new long[binCount];
        long[] positives = new long[binCount];
        double[] scoreSums = new double[binCount];
        for (int i = 0; i < labels.length; i++) {
            int bin = Math.min((int) (scores[i] * binCount), binCount - 1);
            counts[bin]++;
            positives[bin] += labels[i];
            scoreSums[bin] += scores[i];
        }
        ReliabilityBin[] bins = new ReliabilityBin[binCount];
        double error = 0;
        for (int b = 0; b < binCount; b++) {
            double lower = (double) b / binCount;
            double upper = (double) (b + 1) / binCount;
            if (counts[b] == 0) {
                bins[b] = new ReliabilityBin(lower, upper, 0, null, null);
                continue;
            }
            double meanPredicted = scoreSums[b] / counts[b];
            double observed = (double) positives[b] / counts[b];
            bins[b] = new ReliabilityBin(lower, upper, counts[b], meanPredicted, observed);
            error += (double) counts[b] / labels.length * Math.abs(meanPredicted - observed);
        }
        return new ReliabilityDiagram(List.of(bins), error);
    }
}
