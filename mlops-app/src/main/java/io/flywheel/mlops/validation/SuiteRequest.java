package io.flywheel.mlops.validation;

import io.flywheel.shared.validation.ValidationRule;
import java.util.List;

/**
 * The body of {@code POST /api/validation-suites/{name}}: the rules of the suite's next version (each with its kind
 * in {@code rule}, see docs/validation-suites.md).
 *
 * @param rules the rules, checked in order
 */
public record SuiteRequest(List<ValidationRule> rules) {
}
