package io.flywheel.shared.assistant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A prompt template with {@code {{name}}} placeholders. Deliberately tiny: no logic, no escaping, no nesting, so that
 * a template cannot do anything but insert the question and the retrieved context, and a typo is caught when the
 * configuration is created rather than when a user asks a question.
 */
public final class PromptTemplate {

    /** The question of the user (after input safety: personal data replaced by pseudonyms). */
    public static final String QUESTION = "question";
    /** The retrieved passages, numbered, each with its source. */
    public static final String CONTEXT = "context";
    /** Every placeholder a template may use. */
    public static final Set<String> VARIABLES = Set.of(QUESTION, CONTEXT);

    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";

    private PromptTemplate() {
    }

    /** The placeholders the template uses, in order of appearance; problems are reported by {@link #problems}. */
    public static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = template.indexOf(OPEN, from);
            if (open < 0) {
                return names;
            }
            int close = template.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                return names;
            }
            names.add(template.substring(open + OPEN.length(), close).trim());
            from = close + CLOSE.length();
        }
    }

    /** What is wrong with the template: unknown placeholders and unbalanced braces; empty when it is usable. */
    public static List<String> problems(String template) {
        List<String> problems = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i + 1 < template.length(); i++) {
            if (template.startsWith(OPEN, i)) {
                if (depth > 0) {
                    problems.add("'{{' at " + i + " opens a placeholder inside another one");
                }
                depth++;
                i++;
            } else if (template.startsWith(CLOSE, i)) {
                if (depth == 0) {
                    problems.add("'}}' at " + i + " closes no placeholder");
                } else {
                    depth--;
                }
                i++;
            }
        }
        if (depth > 0) {
            problems.add("a placeholder is opened with '{{' but never closed");
        }
        for (String name : placeholders(template)) {
            if (!VARIABLES.contains(name)) {
                problems.add("unknown placeholder '{{" + name + "}}' (known: {{question}}, {{context}})");
            }
        }
        return problems;
    }

    /** The template with each placeholder replaced by its value; a placeholder without a value becomes empty. */
    public static String render(String template, Map<String, String> values) {
        StringBuilder rendered = new StringBuilder(template.length() + 256);
        int from = 0;
        while (true) {
            int open = template.indexOf(OPEN, from);
            int close = open < 0 ? -1 : template.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                return rendered.append(template, from, template.length()).toString();
            }
            rendered.append(template, from, open);
            String name = template.substring(open + OPEN.length(), close).trim();
            rendered.append(values.getOrDefault(name, ""));
            from = close + CLOSE.length();
        }
    }
}
