package io.flywheel.mlops.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges a candidate's held-out metrics: against Production's on the same rows (primary metric within a margin,
 * calibration and recall within theirs), or, for a first model, against absolute thresholds. Pure: the numbers in,
 * the verdict out.
 */
public final class EvaluationGate {

    private static final Set<String> LOWER_IS_BETTER = Set.of("log_loss", "brier", "ece");
    private static final Set<String> PRIMARY_METRICS = Set.of("roc_auc", "pr_auc", "f1", "accuracy", "log_loss",
            "brier");

    private final EvaluationSettings settings;

    public EvaluationGate(EvaluationSettings settings) {
        if (!PRIMARY_METRICS.contains(settings.primaryMetric())) {
            throw new IllegalArgumentException("flywheel.evaluation.primary-metric must be one of "
                    + String.join(", ", new java.util.TreeSet<>(PRIMARY_METRICS)) + ", was " + settings.primaryMetric());
        }
        this.settings = settings;
    }

    /**
     * The verdict of a candidate.
     *
     * @param candidate  the candidate's metrics on the held-out rows
     * @param production Production's metrics on the same rows, or {@code null} when there is no Production
     */
    public GateResult judge(Map<String, Double> candidate, Map<String, Double> production) {
        List<GateCheck> checks = new ArrayList<>();
        String primary = settings.primaryMetric();
        if (production == null) {
            checks.add(absolute("primary", primary, candidate, settings.primaryThreshold()));
            checks.add(absolute("calibration", "ece", candidate, settings.maxEce()));
            checks.add(absolute("recall", "recall", candidate, settings.minRecall()));
        } else {
            checks.add(relative("primary", primary, candidate, production, settings.maxPrimaryRegression()));
            checks.add(relative("calibration", "ece", candidate, production, settings.maxEceIncrease()));
            checks.add(relative("recall", "recall", candidate, production, settings.maxRecallDecrease()));
        }
        boolean passed = checks.stream().allMatch(GateCheck::passed);
        String summary = checks.stream().map(GateCheck::message).collect(Collectors.joining("; "))
                + (passed ? ": pass" : ": fail");
        return new GateResult(passed, summary, checks);
    }

    /** A gate against an absolute limit: at least it, or at most it for a lower-is-better metric. */
    private static GateCheck absolute(String gate, String metric, Map<String, Double> candidate, double limit) {
        double value = value(candidate, metric);
        boolean lower = LOWER_IS_BETTER.contains(metric);
        boolean passed = lower ? value <= limit : value >= limit;
        return new GateCheck(gate, metric, value, null, limit, passed, String.format(Locale.ROOT,
                "%s %.4f (%s %.4f)", metric, value, lower ? "at most" : "at least", limit));
    }

    /** A gate against Production: no worse than Production's value by more than the margin. */
    private static GateCheck relative(String gate, String metric, Map<String, Double> candidate,
                                      Map<String, Double> production, double margin) {
        double value = value(candidate, metric);
        double baseline = value(production, metric);
        boolean lower = LOWER_IS_BETTER.contains(metric);
        double limit = lower ? baseline + margin : baseline - margin;
        boolean passed = lower ? value <= limit : value >= limit;
        return new GateCheck(gate, metric, value, baseline, limit, passed, String.format(Locale.ROOT,
                "%s %.4f vs Production %.4f (margin %.4f)", metric, value, baseline, margin));
    }

    private static double value(Map<String, Double> metrics, String metric) {
        Double value = metrics.get(metric);
        if (value == null) {
            throw new IllegalArgumentException("metric " + metric + " is undefined on the held-out rows (one class "
                    + "only?), so the gate cannot judge it");
        }
        return value;
    }
}
