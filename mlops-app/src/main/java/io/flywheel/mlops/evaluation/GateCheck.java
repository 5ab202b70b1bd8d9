package io.flywheel.mlops.evaluation;

/**
 * One gate: a metric of the candidate against Production's (or an absolute limit) and whether it held.
 *
 * @param gate      {@code primary}, {@code calibration} or {@code recall}
 * @param metric    the registry metric compared
 * @param candidate the candidate's value
 * @param baseline  Production's value, or {@code null} for an absolute gate
 * @param limit     the threshold the candidate's value was held to
 * @param passed    whether it held
 * @param message   the comparison in words
 */
public record GateCheck(String gate, String metric, double candidate, Double baseline, double limit, boolean passed,
                        String message) {
}
