package io.flywheel.shared.golden;

import io.flywheel.shared.retrieval.Sections;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads golden questions out of a FAQ written in reStructuredText or Markdown: every section heading that is a
 * question (ends with {@code ?}) is a question, the text under it up to the next heading is its reference answer,
 * and the whole section (heading included) is where retrieval must find it. Headings that are not questions
 * ("General Information") and questions without an answer are skipped.
 */
public final class FaqGoldenSet {

    private FaqGoldenSet() {
    }

    public static List<GoldenItem> parse(String document, String text) {
        List<GoldenItem> items = new ArrayList<>();
        for (Sections.Section section : Sections.of(text)) {
            String question = section.heading().strip();
            String answer = text.substring(section.bodyStart(), section.end()).strip();
            if (!question.endsWith("?") || answer.isEmpty()) {
                continue;
            }
            int end = section.end();
            while (end > section.start() && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            items.add(new GoldenItem(question, answer, List.of(new ExpectedSpan(document, section.start(), end)),
                    GoldenItem.FAQ));
        }
        return items;
    }
}
