package io.flywheel.shared.safety;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Scores a text for prompt injection. Each matching rule contributes its weight; the score combines them as
 * independent evidence, {@code 1 - Π(1 - weight)}, so it stays within 0..1, grows with every extra signal, and one
 * rule never counts twice. The text is normalised first (NFKC, lower case, invisible characters removed, whitespace
 * collapsed) so that full-width letters or zero-width joiners do not slip past the patterns. Thread-safe.
 */
public final class InjectionDetector {

    static final String INVISIBLE_CHARACTERS = "[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\uFEFF]";
    private static final Pattern INVISIBLE = Pattern.compile(INVISIBLE_CHARACTERS);
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\x0B\\f\\r]+");

    private final List<InjectionRule> rules;

    public InjectionDetector(List<InjectionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The detector with {@link InjectionRules#defaults()}. */
    public static InjectionDetector standard() {
        return new InjectionDetector(InjectionRules.defaults());
    }

    public InjectionScore score(String text) {
        if (text == null || text.isEmpty()) {
            return InjectionScore.NONE;
        }
        String normalised = normalise(text);
        List<String> matched = new ArrayList<>();
        double unexplained = 1;
        for (InjectionRule rule : rules) {
            if (rule.pattern().matcher(rule.raw() ? text : normalised).find()) {
                matched.add(rule.id());
                unexplained *= 1 - rule.weight();
            }
        }
        return new InjectionScore(1 - unexplained, matched);
    }

    public List<InjectionRule> rules() {
        return rules;
    }

    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        folded = INVISIBLE.matcher(folded).replaceAll("");
        return WHITESPACE.matcher(folded).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
