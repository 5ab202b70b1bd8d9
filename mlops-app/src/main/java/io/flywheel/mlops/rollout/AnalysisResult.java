package io.flywheel.mlops.rollout;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one step's analysis.
 *
 * @param verdict      {@code pass}, {@code fail} or {@code inconclusive} (the step is held and analysed again)
 * @param reasons      why, one line per finding (every failed threshold, or what evidence was missing)
 * @param measurements the numbers behind it: requests, error rate, p95 (ms), prediction PSI, accuracies, pods
 */
public record AnalysisResult(String verdict, List<String> reasons, Map<String, Object> measurements) {

    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String INCONCLUSIVE = "inconclusive";

    public boolean passed() {
        return PASS.equals(verdict);
    }

    public boolean failed() {
        return FAIL.equals(verdict);
    }

    /** The reasons as one line. */
    public String summary() {
        return String.join("; ", reasons);
    }
}
