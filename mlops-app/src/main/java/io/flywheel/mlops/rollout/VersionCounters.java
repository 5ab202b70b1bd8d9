package io.flywheel.mlops.rollout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cumulative serving counters of one model version, as one pod (or the sum of pods) exposes them: requests
 * answered,
 * requests refused or failed, and the cumulative buckets of the latency (seconds) and predicted-probability histograms,
 * keyed by their upper bound as Prometheus writes it ({@code le}).
 *
 * @param answered    requests the version answered
 * @param errors      requests routed to it that it refused or failed (a canary's are answered by stable instead)
 * @param latency     cumulative latency buckets, {@code le} (seconds) → count
 * @param probability cumulative probability buckets, {@code le} → count of rows
 */
public record VersionCounters(double answered, double errors, Map<String, Double> latency,
                              Map<String, Double> probability) {

    static final String REQUESTS = "flywheel_inference_latency_seconds_count";
    static final String LATENCY = "flywheel_inference_latency_seconds_bucket";
    static final String ERRORS = "flywheel_inference_errors_total";
    static final String PROBABILITY = "flywheel_inference_probability_bucket";

    /** Nothing counted (a version a pod does not serve yet). */
    public static final VersionCounters NONE = new VersionCounters(0, 0, Map.of(), Map.of());

    public VersionCounters {
        latency = Map.copyOf(latency);
        probability = Map.copyOf(probability);
    }

    /** The counters of one model version among a pod's samples ({@link #NONE} when the pod does not serve it). */
    public static VersionCounters of(List<PrometheusText.Sample> samples, String model, int version) {
        String label = Integer.toString(version);
        double answered = 0;
        double errors = 0;
        Map<String, Double> latency = new LinkedHashMap<>();
        Map<String, Double> probability = new LinkedHashMap<>();
        for (PrometheusText.Sample sample : samples) {
            if (!model.equals(sample.labels().get("model")) || !label.equals(sample.labels().get("version"))) {
                continue;
            }
            switch (sample.name()) {
                case REQUESTS -> answered += sample.value();
                case ERRORS -> errors += sample.value();
                case LATENCY -> latency.merge(sample.labels().get("le"), sample.value(), Double::sum);
                case PROBABILITY -> probability.merge(sample.labels().get("le"), sample.value(), Double::sum);
                default -> {
                    // other series of the version are not part of the analysis
                }
            }
        }
        return new VersionCounters(answered, errors, latency, probability);
    }

    /** Requests routed to the version: answered or not. */
    public double requests() {
        return answered + errors;
    }

    /**
     * What was counted since {@code baseline}. Counters only grow while a pod serves the version; a smaller value means
     * the pod restarted (or reloaded the version), and then everything it counts now is new — Prometheus'
     * {@code increase()} rule.
     */
    public VersionCounters since(VersionCounters baseline) {
        if (answered < baseline.answered || errors < baseline.errors) {
            return this;
        }
        return new VersionCounters(answered - baseline.answered, errors - baseline.errors,
                minus(latency, baseline.latency), minus(probability, baseline.probability));
    }

    /** The sum of two pods' counters. */
    public VersionCounters plus(VersionCounters other) {
        return new VersionCounters(answered + other.answered, errors + other.errors, sum(latency, other.latency),
                sum(probability, other.probability));
    }

    /** Cumulative buckets sorted by their bound. */
    static TreeMap<Double, Double> sorted(Map<String, Double> buckets) {
        TreeMap<Double, Double> sorted = new TreeMap<>();
        buckets.forEach((le, count) -> sorted.put(bound(le), count));
        return sorted;
    }

    private static double bound(String le) {
        return "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    private static Map<String, Double> minus(Map<String, Double> current, Map<String, Double> baseline) {
        Map<String, Double> window = new LinkedHashMap<>();
        current.forEach((le, count) -> window.put(le, Math.max(0, count - baseline.getOrDefault(le, 0.0))));
        return window;
    }

    private static Map<String, Double> sum(Map<String, Double> left, Map<String, Double> right) {
        Map<String, Double> total = new LinkedHashMap<>(left);
        right.forEach((le, count) -> total.merge(le, count, Double::sum));
        return total;
    }
}
