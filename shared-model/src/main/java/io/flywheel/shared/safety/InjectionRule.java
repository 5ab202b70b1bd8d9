package io.flywheel.shared.safety;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One prompt-injection heuristic: a pattern and the weight (0..1) a match adds to the score. The pattern is matched
 * against the normalised text (NFKC, lower case, invisible characters removed, whitespace collapsed), or against the
 * raw text when the rule is about what normalisation removes.
 */
public record InjectionRule(String id, String description, double weight, Pattern pattern, boolean raw) {

    public InjectionRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pattern, "pattern");
        if (weight <= 0 || weight > 1) {
            throw new IllegalArgumentException("weight of rule " + id + " must be in (0, 1], was " + weight);
        }
    }

    /** A rule from a case-insensitive regular expression over the normalised text. */
    public static InjectionRule of(String id, double weight, String description, String regex) {
        return new InjectionRule(id, description, weight, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), false);
    }

    /** A rule over the raw text, before normalisation. */
    public static InjectionRule raw(String id, double weight, String description, String regex) {
        return new InjectionRule(id, description, weight, Pattern.compile(regex), true);
    }
}
