package io.flywheel.shared.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Blocked-content rules: regular expressions (case-insensitive) an answer must not match. Thread-safe. */
public final class BlockedContent {

    private final List<Pattern> patterns;

    private BlockedContent(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /**
     * The rules from their expressions.
     *
     * @throws IllegalArgumentException naming the expression that does not compile
     */
    public static BlockedContent of(List<String> expressions) {
        List<Pattern> patterns = new ArrayList<>(expressions.size());
        for (String expression : expressions) {
            try {
                patterns.add(Pattern.compile(expression, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("blocked-content pattern '" + expression + "' is not a valid "
                        + "regular expression: " + e.getDescription(), e);
            }
        }
        return new BlockedContent(List.copyOf(patterns));
    }

    /** This rule set extended with more expressions (e.g. those of an assistant-config version). */
    public BlockedContent and(List<String> expressions) {
        if (expressions.isEmpty()) {
            return this;
        }
        List<Pattern> all = new ArrayList<>(patterns);
        all.addAll(of(expressions).patterns);
        return new BlockedContent(List.copyOf(all));
    }

    /** The first expression the text matches, if any. */
    public Optional<String> firstMatch(String text) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(text).find()) {
                return Optional.of(pattern.pattern());
            }
        }
        return Optional.empty();
    }
}
