package io.flywheel.shared.validation;

import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * A named, versioned list of rules a dataset must pass before training. Plain data: serialise it with Jackson (rules
 * carry their kind in a {@code rule} field), store it, version it.
 *
 * @param name    the suite's name
 * @param version its version, from 1
 * @param rules   the rules, checked in order
 */
public record ValidationSuite(String name, int version, List<ValidationRule> rules) {

    public ValidationSuite {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a validation suite needs a name");
        }
        if (version < 1) {
            throw new IllegalArgumentException("a suite version starts at 1, was " + version);
        }
        rules = List.copyOf(rules == null ? List.of() : rules);
    }

    /**
     * The suite a schema implies: every feature present with its type, at most {@code maxNullRate} missing per column,
     * categories mostly known, few duplicate rows, enough rows, and a two-class label with a large enough minority.
     */
    public static ValidationSuite defaults(String name, FeatureSchema schema, ValidationThresholds thresholds) {
        List<ValidationRule> rules = new ArrayList<>();
        rules.add(new MinRows(thresholds.minRows()));
        for (Feature feature : schema.features()) {
            rules.add(new RequiredColumn(feature.name(), feature.type()));
        }
        rules.add(new MaxNullRate(null, thresholds.maxNullRate()));
        for (Feature feature : schema.features()) {
            if (feature.type() == ColumnType.CATEGORICAL) {
                rules.add(new AllowedCategories(feature.name(), feature.categories(),
                        thresholds.maxUnknownCategoryRate()));
            }
        }
        rules.add(new MaxDuplicateRate(thresholds.maxDuplicateRate()));
        rules.add(new ClassBalance(schema.label(), thresholds.minMinorityShare()));
        return new ValidationSuite(name, 1, rules);
    }

    /** Runs every rule on the table. */
    public ValidationReport run(Table table) {
        List<RuleResult> results = new ArrayList<>();
        for (ValidationRule rule : rules) {
            results.addAll(rule.check(table));
        }
        boolean passed = results.stream().allMatch(RuleResult::passed);
        return new ValidationReport(name, version, passed, table.rowCount(), results);
    }
}
