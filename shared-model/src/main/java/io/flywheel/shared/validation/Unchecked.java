package io.flywheel.shared.validation;

import io.flywheel.shared.data.Table;
import java.util.Locale;

/** The failed result of a rule that could not look at its column: absent, or of the wrong kind. */
final class Unchecked {

    private Unchecked() {
    }

    static RuleResult result(String rule, String column, Table table, String needed, String expected) {
        long rows = table.rowCount();
        String found = table.has(column) ? table.column(column).type().name().toLowerCase(Locale.ROOT) : "absent";
        String why = table.has(column) ? "is " + found + ", not " + needed : "is missing";
        return new RuleResult(rule, column, false, rows, rows, found, expected,
                "column `" + column + "` " + why + ", so it cannot be checked");
    }
}
