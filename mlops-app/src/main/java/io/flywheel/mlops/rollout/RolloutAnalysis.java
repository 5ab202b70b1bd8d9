package io.flywheel.mlops.rollout;

import io.flywheel.shared.drift.Divergence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Judges one canary step from what every pod counted in the step's window: the canary's error rate and p95 latency,
 * its predicted-probability distribution against stable's in the same window (PSI), and its accuracy on labelled
 * feedback against stable's. Any threshold broken fails the step; too little evidence (a pod not read, too few canary
 * requests) holds it. Pure: the numbers in, the verdict out.
 */
public final class RolloutAnalysis {

    private static final double P95 = 0.95;
    private static final double MILLIS_PER_SECOND = 1000;

    private RolloutAnalysis() {
    }

    /**
     * @param scrapes  every pod's counters now
     * @param baseline every pod's counters at the step's start (pod URL → role → counters); a pod missing there
     *                 counts from zero
     * @param accuracy labelled feedback of the window
     */
    public static AnalysisResult judge(List<PodScrape> scrapes, Map<String, Map<String, VersionCounters>> baseline,
                                       LiveAccuracy accuracy, RolloutSettings.Thresholds limits) {
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("pods", scrapes.stream().map(PodScrape::pod).toList());
        List<String> unread = scrapes.stream().filter(scrape -> !scrape.ok()).map(PodScrape::error).toList();
        if (scrapes.isEmpty() || !unread.isEmpty()) {
            measured.put("unreadable_pods", unread);
            return new AnalysisResult(AnalysisResult.INCONCLUSIVE, scrapes.isEmpty() ? List.of("no inference pod was "
                    + "found") : unread.stream().map(error -> "pod not read: " + error).toList(), measured);
        }
        VersionCounters canary = VersionCounters.NONE;
        VersionCounters stable = VersionCounters.NONE;
        for (PodScrape scrape : scrapes) {
            Map<String, VersionCounters> before = baseline.getOrDefault(scrape.pod(), Map.of());
            canary = canary.plus(scrape.canary().since(before.getOrDefault("canary", VersionCounters.NONE)));
            stable = stable.plus(scrape.stable().since(before.getOrDefault("stable", VersionCounters.NONE)));
        }
        measured.put("canary_requests", canary.requests());
        measured.put("canary_errors", canary.errors());
        measured.put("stable_requests", stable.requests());
        if (canary.requests() < limits.minRequests()) {
            return new AnalysisResult(AnalysisResult.INCONCLUSIVE, List.of("the canary had " + (long) canary.requests()
                    + " requests in this step; " + limits.minRequests() + " are needed"), measured);
        }
        List<String> failures = new ArrayList<>();
        double errorRate = canary.errors() / canary.requests();
        measured.put("canary_error_rate", errorRate);
        if (errorRate > limits.maxErrorRate()) {
            failures.add(String.format("canary error rate %.1f%% is above %.1f%%", errorRate * 100,
                    limits.maxErrorRate() * 100));
        }
        checkLatency(canary, limits, measured, failures);
        checkPredictions(canary, stable, limits, measured, failures);
        checkAccuracy(accuracy, limits, measured, failures);
        return failures.isEmpty()
                ? new AnalysisResult(AnalysisResult.PASS, List.of("every threshold held"), measured)
                : new AnalysisResult(AnalysisResult.FAIL, failures, measured);
    }

    private static void checkLatency(VersionCounters canary, RolloutSettings.Thresholds limits,
                                     Map<String, Object> measured, List<String> failures) {
        if (canary.answered() == 0) {
            return;
        }
        double p95Millis = quantile(VersionCounters.sorted(canary.latency()), P95) * MILLIS_PER_SECOND;
        measured.put("canary_p95_ms", p95Millis);
        if (p95Millis > limits.maxP95().toMillis()) {
            failures.add(String.format("canary p95 latency %.0f ms is above %d ms", p95Millis,
                    limits.maxP95().toMillis()));
        }
    }

    private static void checkPredictions(VersionCounters canary, VersionCounters stable,
                                         RolloutSettings.Thresholds limits, Map<String, Object> measured,
                                         List<String> failures) {
        double[] canaryBins = proportions(VersionCounters.sorted(canary.probability()));
        double[] stableBins = proportions(VersionCounters.sorted(stable.probability()));
        long canaryRows = rows(canary);
        long stableRows = rows(stable);
        if (canaryRows < limits.minDistributionRows() || stableRows < limits.minDistributionRows()
                || canaryBins.length != stableBins.length) {
            measured.put("prediction_psi", null);
            return;
        }
        double psi = Divergence.psi(stableBins, canaryBins, Divergence.DEFAULT_EPSILON);
        measured.put("prediction_psi", psi);
        if (psi > limits.maxPredictionPsi()) {
            failures.add(String.format("the canary's predictions differ from stable's: PSI %.3f is above %.3f", psi,
                    limits.maxPredictionPsi()));
        }
    }

    private static void checkAccuracy(LiveAccuracy accuracy, RolloutSettings.Thresholds limits,
                                      Map<String, Object> measured, List<String> failures) {
        if (accuracy.canaryLabelled() < limits.minLabelled() || accuracy.stableLabelled() < limits.minLabelled()) {
            measured.put("canary_accuracy", null);
            return;
        }
        measured.put("canary_accuracy", accuracy.canary());
        measured.put("stable_accuracy", accuracy.stable());
        if (accuracy.stable() - accuracy.canary() > limits.maxAccuracyDrop()) {
            failures.add(String.format("canary accuracy %.3f on feedback is more than %.3f below stable's %.3f",
                    accuracy.canary(), limits.maxAccuracyDrop(), accuracy.stable()));
        }
    }

    /** The quantile of cumulative buckets, interpolated within its bucket as Prometheus' histogram_quantile does. */
    static double quantile(NavigableMap<Double, Double> cumulative, double q) {
        double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound; // above the largest finite bound: the bound is all that is known
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket == 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    private static long rows(VersionCounters counters) {
        TreeMap<Double, Double> sorted = VersionCounters.sorted(counters.probability());
        return sorted.isEmpty() ? 0 : Math.round(sorted.lastEntry().getValue());
    }

    // per-bin shares from cumulative counts
    private static double[] proportions(TreeMap<Double, Double> cumulative) {
        double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        double[] shares = new double[cumulative.size()];
        double previous = 0;
        int bin = 0;
        for (double count : cumulative.values()) {
            shares[bin++] = total == 0 ? 0 : (count - previous) / total;
            previous = count;
        }
        return shares;
    }
}
