package io.flywheel.mlops.rag;

import io.flywheel.mlops.documents.DocumentService;
import io.flywheel.mlops.documents.KnowledgeCorpus;
import io.flywheel.mlops.documents.ReindexSettings;
import io.flywheel.mlops.golden.GoldenSet;
import io.flywheel.mlops.golden.KnowledgeEvaluation;
import io.flywheel.mlops.jobs.Job;
import io.flywheel.mlops.jobs.JobContext;
import io.flywheel.mlops.jobs.JobRunner;
import io.flywheel.mlops.jobs.JobTrigger;
import io.flywheel.mlops.persistence.Awaited;
import io.flywheel.mlops.registry.EvaluationVerdict;
import io.flywheel.mlops.registry.NewVersion;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.Stage;
import io.flywheel.mlops.registry.StageChange;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.assistant.AssistantConfigCodec;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.problem.ProblemException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code knowledge-bootstrap}: gives a fresh platform a working assistant with no manual step. When the knowledge base
 * is empty and no rag-index exists, it stores the shipped Python FAQ as documents, seeds the golden set from it,
 * builds the first index (the reindex job's work), judges it on the golden set and promotes it to Production — and
 * registers, judges and promotes the default assistant configuration the same way. Submitted at start when
 * {@code flywheel.reindex.seed-corpus} is on; idempotent (an already seeded platform is left as it is) and guarded by
 * the job lock, so several pods starting together seed once.
 */
@ApplicationScoped
public class KnowledgeBootstrapJob implements Job {

    public static final String NAME = "knowledge-bootstrap";
    /** The name the seeded corpus and versions are recorded under. */
    static final String ACTOR = "flywheel";
    /** The assistant-config model inference pods serve by default ({@code flywheel.assistant.name}). */
    static final String ASSISTANT = "assistant";
    private static final Logger LOG = Logger.getLogger(KnowledgeBootstrapJob.class);

    private final ReindexSettings settings;
    private final DocumentService documents;
    private final GoldenSet golden;
    private final ReindexJob reindex;
    private final KnowledgeEvaluation evaluation;
    private final RegistryService registry;
    private final RegistryQueries queries;

    public KnowledgeBootstrapJob(ReindexSettings settings, DocumentService documents, GoldenSet golden,
                                 ReindexJob reindex, KnowledgeEvaluation evaluation, RegistryService registry,
                                 RegistryQueries queries) {
        this.settings = settings;
        this.documents = documents;
        this.golden = golden;
        this.reindex = reindex;
        this.evaluation = evaluation;
        this.registry = registry;
        this.queries = queries;
    }

    /**
     * Submits from a worker thread on a Vert.x context of its own: the start observer runs on the main thread, where
     * Hibernate Reactive refuses to work (seen in {@code KnowledgeBootstrapIT}: "the current context is not a
     * duplicated context", and a fresh platform was never seeded); the start does not wait for it.
     */
    void submitAtStart(@Observes StartupEvent start, JobRunner runner) {
        if (!settings.seedCorpus()) {
            return;
        }
        // a platform seeded already (every restart after the first) records no run at all: a start changes nothing
        Uni.createFrom().item(() -> alreadySeeded() ? null : Awaited.result(() -> runner.submit(NAME, Map.of(),
                        new JobTrigger("startup", ACTOR))))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(
                        run -> LOG.info(run == null ? "knowledge base present: no bootstrap at start"
                                : "knowledge bootstrap submitted as run " + run.id()),
                        failure -> LOG.infof("knowledge bootstrap not submitted: %s", failure.getMessage()));
    }

    /** The job's own test, asked before submitting: the index model exists, or documents were stored. */
    private boolean alreadySeeded() {
        return Awaited.result(() -> queries.models(ModelKind.RAG_INDEX)).stream()
                .anyMatch(model -> model.name().equals(settings.model()))
                || !Awaited.result(documents::isEmpty);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "seeds an empty platform with the shipped FAQ, its golden set, a first index and the default assistant";
    }

    @Override
    public Map<String, Object> run(JobContext context) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        if (alreadySeeded()) {
            outputs.put("seeded", false);
            outputs.put("note", "the knowledge base or the " + settings.model() + " index exists already");
            return outputs;
        }
        Map<String, String> corpus = KnowledgeCorpus.documents();
        corpus.forEach((name, text) -> context.await(() -> documents.put(name,
                text.getBytes(StandardCharsets.UTF_8), ACTOR)));
        outputs.put("documents", corpus.size());
        outputs.put("golden_questions_added", context.await(() -> golden.seedFromFaq(corpus)));
        Map<String, Object> index = reindex.run(context);
        outputs.put("index", promoteIfPassed(context, settings.model(), ((Number) index.get("version")).intValue()));
        VersionView config = context.await(() -> registry.register(NewVersion.of(ASSISTANT,
                        ModelKind.ASSISTANT_CONFIG, AssistantConfigCodec.write(AssistantConfig.defaults()))
                .withStage(Stage.STAGING).withRun(context.runId())
                .withDescription("the default configuration: extractive answers, no LLM"),
                context.attribution("default assistant configuration")));
        outputs.put("assistant_config", promoteIfPassed(context, ASSISTANT, config.version()));
        outputs.put("seeded", true);
        return outputs;
    }

    /** Judges a version on the golden set and promotes it when it passes; says what happened. */
    private String promoteIfPassed(JobContext context, String model, int version) {
        VersionView candidate = context.await(() -> queries.version(model, version));
        EvaluationVerdict verdict = evaluation.judge(context, candidate);
        context.await(() -> registry.recordEvaluation(model, version, verdict, context.attribution("golden gate")));
        if (!verdict.passed()) {
            LOG.warnf("job %s: %s v%d failed the golden gate and stays in Staging: %s", NAME, model, version,
                    verdict.summary());
            return model + " v" + version + " failed the golden gate: " + verdict.summary();
        }
        try {
            context.await(() -> registry.transition(model, version, new StageChange(Stage.PRODUCTION,
                    "first version of a fresh platform", true), context.attribution("bootstrap")));
        } catch (ProblemException e) {
            return model + " v" + version + " passed but was not promoted: " + e.getMessage();
        }
        return model + " v" + version + " in Production";
    }
}
