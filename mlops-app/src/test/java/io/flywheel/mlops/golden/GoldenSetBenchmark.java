package io.flywheel.mlops.golden;

import io.flywheel.mlops.documents.KnowledgeCorpus;
import io.flywheel.mlops.rag.PassageEmbedder;
import io.flywheel.shared.golden.FaqGoldenSet;
import io.flywheel.shared.golden.GoldenEvaluator;
import io.flywheel.shared.golden.GoldenItem;
import io.flywheel.shared.golden.KnowledgeScores;
import io.flywheel.shared.retrieval.ChunkingParams;
import io.flywheel.shared.retrieval.RagIndex;
import io.flywheel.shared.retrieval.RagIndexBuilder;
import io.flywheel.shared.safety.Groundedness;
import io.flywheel.shared.safety.PiiDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Golden-set scores of the whole shipped FAQ (all documents, all question headings) with the code the gate runs:
 * {@link RagIndexBuilder} and {@link GoldenEvaluator} at the gate's settings (depth 10, context 5, no threshold).
 * Chunkings from {@code -Dgolden.chunking=800/100,20/0} (default 800/100). Not part of verify; the command is in
 * docs/benchmarks.md.
 */
@Tag("benchmark")
class GoldenSetBenchmark {

    @Test
    void scoresOfTheShippedFaq() {
        Map<String, String> corpus = KnowledgeCorpus.documents();
        List<GoldenItem> items = new ArrayList<>();
        corpus.forEach((name, text) -> items.addAll(FaqGoldenSet.parse(name, text)));
        PassageEmbedder embedder = new PassageEmbedder();
        GoldenEvaluator evaluator = new GoldenEvaluator(embedder, Groundedness.standard(), PiiDetector.standard());
        for (String spec : System.getProperty("golden.chunking", "800/100").split(",")) {
            String[] sizes = spec.strip().split("/");
            ChunkingParams chunking = new ChunkingParams(Integer.parseInt(sizes[0]), Integer.parseInt(sizes[1]));
            long started = System.nanoTime();
            RagIndex index = new RagIndexBuilder(chunking, embedder.id(), embedder).build(corpus,
                    RagIndexBuilder.Progress.NONE);
            long built = System.nanoTime();
            KnowledgeScores scores = evaluator.score(index, items, 10, 5, -1);
            long scored = System.nanoTime();
            System.out.printf(Locale.ROOT, "FAQ %s: %d documents, %d passages (built in %.1f s); %d questions "
                            + "(scored in %.1f s): hit@1 %.3f hit@5 %.3f MRR %.3f context support %.3f answer "
                            + "groundedness %.3f answer relevance %.3f refusal rate %.3f safety findings %d%n", spec,
                    index.documents().size(), index.chunks().size(), (built - started) / 1e9, scores.questions(),
                    (scored - built) / 1e9, scores.hitAt1(), scores.hitAt5(), scores.mrr(), scores.contextSupport(),
                    scores.answerGroundedness(), scores.answerRelevance(), scores.refusalRate(),
                    scores.safetyFindings());
        }
    }
}
