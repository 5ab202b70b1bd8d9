package io.flywheel.shared.golden;

import java.util.List;

/**
 * How well an index finds the golden answers: for each question, the rank (1-based) of the first retrieved passage
 * that overlaps an expected span, 0 when none of the retrieved passages does.
 *
 * @param questions how many questions were asked
 * @param hitAt1    share of questions whose first passage is a hit
 * @param hitAt5    share with a hit among the first five
 * @param mrr       mean reciprocal rank of the first hit (0 for a miss), over the retrieved depth
 */
public record RetrievalScores(int questions, double hitAt1, double hitAt5, double mrr) {

    /** Scores from the first-hit rank of each question. */
    public static RetrievalScores of(List<Integer> firstHitRanks) {
        int n = firstHitRanks.size();
        if (n == 0) {
            return new RetrievalScores(0, 0, 0, 0);
        }
        int at1 = 0;
        int at5 = 0;
        double reciprocal = 0;
        for (int rank : firstHitRanks) {
            if (rank == 1) {
                at1++;
            }
            if (rank >= 1 && rank <= 5) {
                at5++;
            }
            if (rank >= 1) {
                reciprocal += 1.0 / rank;
            }
        }
        return new RetrievalScores(n, (double) at1 / n, (double) at5 / n, reciprocal / n);
    }

    /** The 1-based rank of the first passage that overlaps one of the expected spans, or 0. */
    public static int firstHitRank(List<io.flywheel.shared.retrieval.Chunk> retrieved, List<ExpectedSpan> expected) {
        for (int i = 0; i < retrieved.size(); i++) {
            for (ExpectedSpan span : expected) {
                if (retrieved.get(i).overlaps(span.document(), span.start(), span.end())) {
                    return i + 1;
                }
            }
        }
        return 0;
    }
}
