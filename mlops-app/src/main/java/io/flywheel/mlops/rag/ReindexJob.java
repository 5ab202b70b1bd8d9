package io.flywheel.mlops.rag;

import io.flywheel.mlops.documents.DocumentChecks;
import io.flywheel.mlops.documents.DocumentService;
import io.flywheel.mlops.documents.RagDocument;
import io.flywheel.mlops.documents.ReindexSettings;
import io.flywheel.mlops.jobs.Job;
import io.flywheel.mlops.jobs.JobContext;
import io.flywheel.mlops.registry.NewVersion;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.Stage;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.hashing.Sha256;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.retrieval.ChunkingParams;
import io.flywheel.shared.retrieval.DocumentValidator;
import io.flywheel.shared.retrieval.RagIndex;
import io.flywheel.shared.retrieval.RagIndexBuilder;
import io.flywheel.shared.retrieval.RagIndexCodec;
import io.flywheel.shared.retrieval.SourceDocument;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code reindex}: the knowledge base's documents, checked again, chunked and embedded into a {@code rag-index}
 * version registered as Staging with its lineage (docs/rag-index.md). Chunking and embedding run on the job thread;
 * the version is registered in one transaction at the very end, so a crash before leaves nothing behind. An index
 * identical to an existing version (same bytes) is not registered twice.
 */
@ApplicationScoped
public class ReindexJob implements Job {

    public static final String NAME = "reindex";
    private static final Logger LOG = Logger.getLogger(ReindexJob.class);
    private static final String POSITIVE_INT = "[1-9][0-9]{0,5}";

    private final ReindexSettings settings;
    private final DocumentService documents;
    private final DocumentChecks checks;
    private final PassageEmbedder embedder;
    private final RegistryService registry;
    private final RegistryQueries queries;

    public ReindexJob(ReindexSettings settings, DocumentService documents, DocumentChecks checks,
                      PassageEmbedder embedder, RegistryService registry, RegistryQueries queries) {
        this.settings = settings;
        this.documents = documents;
        this.checks = checks;
        this.embedder = embedder;
        this.registry = registry;
        this.queries = queries;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "builds a rag-index version (Staging) from the knowledge base's documents";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("model", "the rag-index model to register (default flywheel.reindex.model)",
                "chunk-size", "the longest passage in characters (default flywheel.reindex.chunk-size)",
                "chunk-overlap", "characters repeated from the previous passage (default flywheel.reindex.chunk-overlap)");
    }

    @Override
    public List<FieldError> validate(Map<String, String> parameters) {
        List<FieldError> errors = new ArrayList<>();
        String size = parameters.get("chunk-size");
        String overlap = parameters.get("chunk-overlap");
        if (size != null && !size.matches(POSITIVE_INT)) {
            errors.add(new FieldError("parameters.chunk-size", "must be a positive number of characters"));
        }
        if (overlap != null && !overlap.matches("0|" + POSITIVE_INT)) {
            errors.add(new FieldError("parameters.chunk-overlap", "must be a number of characters"));
        }
        if (errors.isEmpty()) {
            try {
                chunking(parameters);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("parameters.chunk-overlap", e.getMessage()));
            }
        }
        return errors;
    }

    @Override
    public Map<String, Object> run(JobContext context) {
        String model = context.parameters().getOrDefault("model", settings.model());
        ChunkingParams chunking = chunking(context.parameters());
        context.progress(Map.of("stage", "check"));
        List<RagDocument> stored = context.await(documents::all);
        Map<String, String> accepted = new LinkedHashMap<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        Map<String, String> hashes = new HashMap<>();
        for (RagDocument document : stored) {
            DocumentValidator.Verdict verdict = checks.check(document.name, document.content, hashes);
            if (verdict.accepted()) {
                accepted.put(document.name, verdict.text());
                hashes.put(verdict.sha256(), document.name);
            } else {
                rejected.add(Map.of("document", document.name, "problems", verdict.problems()));
            }
        }
        if (accepted.isEmpty()) {
            throw new IllegalStateException("no document to index: the knowledge base has " + stored.size()
                    + " documents and none passes the checks");
        }
        RagIndex index = new RagIndexBuilder(chunking, embedder.id(), embedder).build(accepted,
                (done, total) -> context.progress(Map.of("stage", "embed", "passages", done + "/" + total)));
        byte[] artifact = RagIndexCodec.write(index);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("model", model);
        outputs.put("sha256", Sha256.hex(artifact));
        outputs.put("documents", index.documents().size());
        outputs.put("passages", index.chunks().size());
        outputs.put("rejected", rejected);
        Optional<VersionView> same = sameArtifact(context, model, Sha256.hex(artifact));
        if (same.isPresent()) {
            outputs.put("version", same.get().version());
            outputs.put("registered", false);
            outputs.put("note", "the same index is version " + same.get().version() + " already");
            return outputs;
        }
        context.progress(Map.of("stage", "register"));
        VersionView version = context.await(() -> registry.register(newVersion(model, index, artifact, rejected.size())
                .withRun(context.runId()), context.attribution("reindexed " + index.documents().size() + " documents")));
        LOG.infof("job %s: %s v%d: %d documents, %d passages, %d rejected", NAME, model, version.version(),
                index.documents().size(), index.chunks().size(), rejected.size());
        outputs.put("version", version.version());
        outputs.put("registered", true);
        return outputs;
    }

    /** The version of an index with its lineage: model, chunking, and the documents with their hashes. */
    static NewVersion newVersion(String model, RagIndex index, byte[] artifact, int rejected) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("embedding_model", index.embeddingModel());
        params.put("dimension", Integer.toString(index.dimension()));
        params.put("chunk_size", Integer.toString(index.chunking().maxChars()));
        params.put("chunk_overlap", Integer.toString(index.chunking().overlapChars()));
        List<Map<String, Object>> sources = index.documents().stream().map(document -> Map.<String, Object>of(
                "name", document.name(), "sha256", document.sha256(), "chars", document.chars())).toList();
        return NewVersion.of(model, ModelKind.RAG_INDEX, artifact)
                .withStage(Stage.STAGING)
                .withParams(params)
                .withMetrics(Map.of("documents", (double) index.documents().size(),
                        "passages", (double) index.chunks().size(), "rejected_documents", (double) rejected))
                .withDetails(Map.of("documents", sources))
                .withDataset(documentSetId(index.documents()))
                .withDescription(index.chunks().size() + " passages of " + index.documents().size() + " documents, "
                        + index.chunking().maxChars() + "/" + index.chunking().overlapChars() + " characters, "
                        + index.embeddingModel());
    }

    /** The id of a set of documents: sha256 of its {@code name sha256\n} lines in name order. */
    static String documentSetId(List<SourceDocument> sources) {
        StringBuilder lines = new StringBuilder();
        sources.forEach(document -> lines.append(document.name()).append(' ').append(document.sha256()).append('\n'));
        return Sha256.hex(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    private ChunkingParams chunking(Map<String, String> parameters) {
        return new ChunkingParams(Integer.parseInt(parameters.getOrDefault("chunk-size",
                Integer.toString(settings.chunkSize()))), Integer.parseInt(parameters.getOrDefault("chunk-overlap",
                Integer.toString(settings.chunkOverlap()))));
    }

    private Optional<VersionView> sameArtifact(JobContext context, String model, String sha256) {
        boolean exists = context.await(() -> queries.models(ModelKind.RAG_INDEX)).stream()
                .anyMatch(view -> view.name().equals(model));
        if (!exists) {
            return Optional.empty();
        }
        return context.await(() -> queries.versions(model, null)).stream()
                .filter(version -> version.artifact().sha256().equals(sha256)).findFirst();
    }
}
