package io.flywheel.shared.golden;

import io.flywheel.shared.assistant.ExtractiveAnswer;
import io.flywheel.shared.retrieval.Chunk;
import io.flywheel.shared.retrieval.Passage;
import io.flywheel.shared.retrieval.RagIndex;
import io.flywheel.shared.retrieval.TextEmbedder;
import io.flywheel.shared.retrieval.VectorIndex;
import io.flywheel.shared.safety.Groundedness;
import io.flywheel.shared.safety.PiiDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores an index on the golden set, in process and exactly: each question is embedded by the index's model and the
 * index's exact top-{@code depth} searched; the first passage overlapping an expected span gives the rank (hit rates,
 * MRR); the reference answer's groundedness in the first {@code contextK} passages gives the context support. The
 * answer is the gateway's extractive one ({@link ExtractiveAnswer}) composed from those passages, so the gate needs
 * no LLM and is reproducible: its groundedness, its relevance to the question (cosine of their embeddings), whether
 * it is a refusal, and personal data in it.
 */
public final class GoldenEvaluator {

    private final TextEmbedder embedder;
    private final Groundedness groundedness;
    private final PiiDetector pii;

    public GoldenEvaluator(TextEmbedder embedder, Groundedness groundedness, PiiDetector pii) {
        this.embedder = embedder;
        this.groundedness = groundedness;
        this.pii = pii;
    }

    /**
     * The scores of an index.
     *
     * @param depth    how many passages are searched for the first hit
     * @param contextK how many of them are given as context, at most {@code depth}
     * @param minScore the least cosine similarity a passage needs to be retrieved; -1 for none
     */
    public KnowledgeScores score(RagIndex index, List<GoldenItem> items, int depth, int contextK, double minScore) {
        if (depth < 1 || contextK < 1 || contextK > depth) {
            throw new IllegalArgumentException("depth must be at least 1 and context k within 1.." + depth
                    + ", were " + depth + " and " + contextK);
        }
        List<Integer> ranks = new ArrayList<>(items.size());
        Totals totals = new Totals();
        for (GoldenItem item : items) {
            float[] query = unit(embedder.embed(item.question()));
            List<Chunk> retrieved = index.search(query, depth, minScore).stream().map(Passage::chunk).toList();
            ranks.add(RetrievalScores.firstHitRank(retrieved, item.expected()));
            List<String> context = retrieved.subList(0, Math.min(contextK, retrieved.size())).stream()
                    .map(Chunk::text).toList();
            answer(item, query, context, totals);
        }
        RetrievalScores retrieval = RetrievalScores.of(ranks);
        int n = Math.max(1, items.size());
        return new KnowledgeScores(retrieval.questions(), retrieval.hitAt1(), retrieval.hitAt5(), retrieval.mrr(),
                totals.support / n, totals.grounded / n, totals.relevance / n, (double) totals.refusals / n,
                totals.findings);
    }

    private void answer(GoldenItem item, float[] query, List<String> context, Totals totals) {
        totals.support += context.isEmpty() ? 0 : groundedness.score(item.answer(), context).value();
        String answer = ExtractiveAnswer.compose(item.question(), context);
        if (answer.equals(ExtractiveAnswer.NOTHING_FOUND)) {
            totals.refusals++;
            return;
        }
        totals.grounded += groundedness.score(answer, context).value();
        totals.relevance += dot(query, unit(embedder.embed(answer)));
        totals.findings += pii.detect(answer).size();
    }

    private static float[] unit(float[] vector) {
        VectorIndex.normalise(vector, 0, vector.length);
        return vector;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Running sums over the questions. */
    private static final class Totals {
        double support;
        double grounded;
        double relevance;
        int refusals;
        int findings;
    }
}
