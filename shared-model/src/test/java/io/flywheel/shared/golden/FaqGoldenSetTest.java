package io.flywheel.shared.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaqGoldenSetTest {

    private static final String FAQ = """
            General Information
            ===================

            What is Python?
            ---------------

            Python is a programming language.

            It is portable.

            .. _faq-label:

            Why is it called Python?
            ------------------------

            After Monty Python.

            History
            -------

            It started in 1989.

            Is this question unanswered?
            ----------------------------

            """;

    @Test
    void questionHeadingsBecomeItemsWithTheirAnswersAndSpans() {
        List<GoldenItem> items = FaqGoldenSet.parse("general.rst", FAQ);

        assertThat(items).extracting(GoldenItem::question).containsExactly("What is Python?", "Why is it called Python?");
        GoldenItem first = items.get(0);
        assertThat(first.answer()).startsWith("Python is a programming language.").contains("It is portable.");
        assertThat(first.origin()).isEqualTo("faq");
        ExpectedSpan span = first.expected().get(0);
        assertThat(span.document()).isEqualTo("general.rst");
        assertThat(FAQ.substring(span.start(), span.end())).startsWith("What is Python?\n---").endsWith(".. _faq-label:");
    }

    @Test
    void retrievalScoresCountTheFirstHitRank() {
        RetrievalScores scores = RetrievalScores.of(List.of(1, 2, 6, 0));

        assertThat(scores.questions()).isEqualTo(4);
        assertThat(scores.hitAt1()).isEqualTo(0.25);
        assertThat(scores.hitAt5()).isEqualTo(0.5);
        assertThat(scores.mrr()).isCloseTo((1 + 0.5 + 1.0 / 6) / 4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(RetrievalScores.of(List.of())).isEqualTo(new RetrievalScores(0, 0, 0, 0));
    }

    @Test
    void aPassageOverlappingTheExpectedSpanIsAHitWhateverItsCut() {
        var span = List.of(new ExpectedSpan("general.rst", 100, 200));
        var miss = new io.flywheel.shared.retrieval.Chunk("general.rst", "general.rst#0", "", 0, 100, "x".repeat(100));
        var otherDocument = new io.flywheel.shared.retrieval.Chunk("design.rst", "design.rst#3", "", 150, 160, "y".repeat(10));
        var hit = new io.flywheel.shared.retrieval.Chunk("general.rst", "general.rst#9", "", 190, 210, "z".repeat(20));

        assertThat(RetrievalScores.firstHitRank(List.of(miss, otherDocument, hit), span)).isEqualTo(3);
        assertThat(RetrievalScores.firstHitRank(List.of(miss, otherDocument), span)).isZero();
    }
}
