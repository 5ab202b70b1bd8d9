package io.flywheel.shared.validation;

import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Present values must be among the allowed categories; missing values are not judged here.
 *
 * @param column         the categorical column
 * @param categories     the allowed categories
 * @param maxUnknownRate the share of present values allowed outside them (new categories appear in live data)
 */
public record AllowedCategories(String column, List<String> categories, double maxUnknownRate)
        implements ValidationRule {

    static final String NAME = "allowed-categories";

    public AllowedCategories {
        ValidationRule.requireColumn(column);
        ValidationRule.requireRate(maxUnknownRate, "maxUnknownRate of `" + column + "`");
        categories = List.copyOf(categories == null ? List.of() : categories);
    }

    @Override
    public List<RuleResult> check(Table table) {
        String expected = "one of " + categories.size() + " categories";
        if (!table.has(column) || !(table.column(column) instanceof CategoricalColumn values)) {
            return List.of(Unchecked.result(NAME, column, table, "categorical", expected));
        }
        Set<String> allowed = new HashSet<>(categories);
        long unknown = 0;
        String example = null;
        for (int row = 0; row < values.size(); row++) {
            String value = values.value(row);
            if (value != null && !allowed.contains(value)) {
                unknown++;
                example = example == null ? value : example;
            }
        }
        long present = values.size() - values.missingCount();
        double rate = Describe.rate(unknown, present);
        return List.of(new RuleResult(NAME, column, rate <= maxUnknownRate, unknown, present, Describe.percent(rate),
                "<= " + Describe.percent(maxUnknownRate), "column `" + column + "`: "
                + Describe.share(unknown, present, "values") + " are not among the " + categories.size()
                + " allowed categories" + (example == null ? "" : " (e.g. '" + example + "')") + "; at most "
                + Describe.percent(maxUnknownRate) + " allowed"));
    }
}
