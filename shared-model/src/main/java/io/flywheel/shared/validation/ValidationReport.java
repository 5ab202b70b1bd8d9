package io.flywheel.shared.validation;

import java.util.List;

/**
 * What a {@link ValidationSuite} found in a table.
 *
 * @param suite        the suite's name
 * @param suiteVersion the suite's version
 * @param passed       whether every rule passed
 * @param rows         rows in the table
 * @param results      one result per rule and column checked, in suite order
 */
public record ValidationReport(String suite, int suiteVersion, boolean passed, long rows, List<RuleResult> results) {

    public ValidationReport {
        results = List.copyOf(results);
    }

    /** The results that did not pass. */
    public List<RuleResult> failures() {
        return results.stream().filter(result -> !result.passed()).toList();
    }
}
