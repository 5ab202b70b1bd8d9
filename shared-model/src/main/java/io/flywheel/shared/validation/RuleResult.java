package io.flywheel.shared.validation;

/**
 * The outcome of one rule on one column (or on the whole table).
 *
 * @param rule      the rule's name, e.g. {@code max-null-rate}
 * @param column    the column it judged, or {@code null} for a table-wide rule
 * @param passed    whether the data satisfies it
 * @param offending how many values (or rows) broke it
 * @param total     out of how many
 * @param observed  what was found, e.g. {@code 30.0%}
 * @param expected  what is allowed, e.g. {@code <= 5.0%}
 * @param message   a sentence a person can act on
 */
public record RuleResult(String rule, String column, boolean passed, long offending, long total, String observed,
                         String expected, String message) {
}
