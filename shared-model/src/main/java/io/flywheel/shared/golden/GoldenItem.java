package io.flywheel.shared.golden;

import java.util.List;
import java.util.Objects;

/**
 * One question of the golden set, with the answer known to be right and where in the documents it is.
 *
 * @param question the question as a user would ask it
 * @param answer   the reference answer
 * @param expected where the answer is in the sources; retrieval is judged against these
 * @param origin   {@code faq} (parsed from the corpus) or {@code feedback} (a highly rated, reviewed answer)
 */
public record GoldenItem(String question, String answer, List<ExpectedSpan> expected, String origin) {

    public static final String FAQ = "faq";
    public static final String FEEDBACK = "feedback";

    public GoldenItem {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(origin, "origin");
        expected = List.copyOf(expected);
    }
}
