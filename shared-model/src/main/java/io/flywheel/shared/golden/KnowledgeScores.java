package io.flywheel.shared.golden;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well an index, with given retrieval settings, serves the golden set — its retrieval, and the extractive answers
 * composed from what it retrieved.
 *
 * @param questions          how many questions were asked
 * @param hitAt1             share of questions whose first passage overlaps an expected span
 * @param hitAt5             share with such a passage among the first five
 * @param mrr                mean reciprocal rank of the first hit within the searched depth, 0 for a miss
 * @param contextSupport     mean groundedness of the reference answers in the passages given as context
 * @param answerGroundedness mean groundedness of the extractive answers in their passages
 * @param answerRelevance    mean cosine similarity of each question's and its answer's embeddings
 * @param refusalRate        share of questions answered with "nothing found"
 * @param safetyFindings     personal data found in the answers, in total
 */
public record KnowledgeScores(int questions, double hitAt1, double hitAt5, double mrr, double contextSupport,
                              double answerGroundedness, double answerRelevance, double refusalRate,
                              int safetyFindings) {

    /** The scores under the registry's metric names. */
    public Map<String, Double> asMetrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("golden_questions", (double) questions);
        metrics.put("hit_rate_at1", hitAt1);
        metrics.put("hit_rate_at5", hitAt5);
        metrics.put("mrr", mrr);
        metrics.put("context_support", contextSupport);
        metrics.put("answer_groundedness", answerGroundedness);
        metrics.put("answer_relevance", answerRelevance);
        metrics.put("refusal_rate", refusalRate);
        metrics.put("safety_findings", (double) safetyFindings);
        return metrics;
    }
}
