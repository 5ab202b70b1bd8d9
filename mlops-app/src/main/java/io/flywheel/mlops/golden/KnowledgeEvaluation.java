package io.flywheel.mlops.golden;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.flywheel.mlops.documents.ReindexSettings;
import io.flywheel.mlops.evaluation.GateResult;
import io.flywheel.mlops.jobs.JobContext;
import io.flywheel.mlops.rag.PassageEmbedder;
import io.flywheel.mlops.registry.EvaluationVerdict;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.assistant.AssistantConfigCodec;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.golden.GoldenEvaluator;
import io.flywheel.shared.golden.GoldenItem;
import io.flywheel.shared.golden.KnowledgeScores;
import io.flywheel.shared.retrieval.RagIndex;
import io.flywheel.shared.retrieval.RagIndexCodec;
import io.flywheel.shared.retrieval.TextEmbedder;
import io.flywheel.shared.safety.Groundedness;
import io.flywheel.shared.safety.PiiDetector;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code evaluate} job's judgement of a {@code rag-index} or {@code assistant-config} candidate on the golden set
 * (docs/golden-set.md): an index is scored with its own passages against the Production index; a configuration with
 * its retrieval settings on the Production index against the Production configuration's settings. Everything runs
 * in process on the job thread — retrieval is exact and answers are extractive — so no LLM and no inference pod is
 * needed and the verdict is reproducible.
 */
@ApplicationScoped
public class KnowledgeEvaluation {

    private final GoldenSettings settings;
    private final ReindexSettings reindex;
    private final GoldenSet golden;
    private final PassageEmbedder embedder;
    private final RegistryService registry;
    private final KnowledgeGate gate;

    public KnowledgeEvaluation(GoldenSettings settings, ReindexSettings reindex, GoldenSet golden,
                               PassageEmbedder embedder, RegistryService registry) {
        this.settings = settings;
        this.reindex = reindex;
        this.golden = golden;
        this.embedder = embedder;
        this.registry = registry;
        this.gate = new KnowledgeGate(settings);
    }

    /** The verdict on a candidate of kind rag-index or assistant-config. */
    public EvaluationVerdict judge(JobContext context, VersionView candidate) {
        List<GoldenItem> items = context.await(golden::items);
        GoldenEvaluator evaluator = new GoldenEvaluator(memoised(embedder), Groundedness.standard(),
                PiiDetector.standard());
        Optional<VersionView> production = context.await(() -> registry.production(candidate.model()))
                .filter(current -> current.version() != candidate.version());
        KnowledgeScores candidateScores;
        KnowledgeScores productionScores = null;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("golden_questions", items.size());
        if (candidate.kind() == ModelKind.RAG_INDEX) {
            candidateScores = scoreIndex(evaluator, index(context, candidate.model(), candidate.version()), items);
            if (production.isPresent()) {
                productionScores = scoreIndex(evaluator, index(context, candidate.model(),
                        production.get().version()), items);
            }
        } else {
            VersionView servedIndex = context.await(() -> registry.production(reindex.model())).orElseThrow(
                    () -> new IllegalStateException("there is no Production " + reindex.model() + " index to "
                            + "judge a configuration on (flywheel.reindex.model)"));
            RagIndex index = index(context, servedIndex.model(), servedIndex.version());
            details.put("index", servedIndex.model() + " v" + servedIndex.version());
            candidateScores = scoreConfig(evaluator, index, config(context, candidate.model(), candidate.version()),
                    items);
            if (production.isPresent()) {
                productionScores = scoreConfig(evaluator, index, config(context, candidate.model(),
                        production.get().version()), items);
            }
        }
        details.put("candidate", candidateScores.asMetrics());
        if (productionScores != null) {
            details.put("production", productionScores.asMetrics());
        }
        GateResult result = gate.judge(candidateScores, productionScores);
        details.put("gates", result.checks());
        return new EvaluationVerdict(result.passed(), result.summary(),
                production.map(VersionView::version).orElse(null), details);
    }

    /** An index's scores with its own passages: top-{@code depth}, context of {@code context-k}, no threshold. */
    private KnowledgeScores scoreIndex(GoldenEvaluator evaluator, RagIndex index, List<GoldenItem> items) {
        return evaluator.score(index, items, settings.depth(), settings.contextK(), -1);
    }

    /** A configuration's scores: its own k and score threshold on the served index. */
    private static KnowledgeScores scoreConfig(GoldenEvaluator evaluator, RagIndex index, AssistantConfig config,
                                               List<GoldenItem> items) {
        AssistantConfig.Retrieval retrieval = config.retrieval();
        if (retrieval == null || retrieval.k() < 1) {
            return new KnowledgeScores(items.size(), 0, 0, 0, 0, 0, 0, 1, 0);
        }
        return evaluator.score(index, items, retrieval.k(), retrieval.k(), retrieval.minScore());
    }

    private RagIndex index(JobContext context, String model, int version) {
        return RagIndexCodec.read(context.await(() -> registry.artifact(model, version)).bytes());
    }

    private AssistantConfig config(JobContext context, String model, int version) {
        byte[] bytes = context.await(() -> registry.artifact(model, version)).bytes();
        try {
            return AssistantConfigCodec.read(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(model + " v" + version + " is not a readable assistant-config", e);
        }
    }

    /** Each question is embedded once per run although both the candidate and Production are scored. */
    private static TextEmbedder memoised(TextEmbedder embedder) {
        Map<String, float[]> seen = new HashMap<>();
        return text -> seen.computeIfAbsent(text, embedder::embed).clone();
    }
}
