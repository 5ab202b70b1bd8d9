package io.flywheel.mlops.agent;

/**
 * What the agent makes of an alert.
 *
 * @param category      the kind of trouble
 * @param severityScore 0 (nothing to do) to 1 (act now)
 * @param reasoning     why, in words: the rule that classified it and the numbers that scored it
 */
public record Diagnosis(AlertCategory category, double severityScore, String reasoning) {
}
