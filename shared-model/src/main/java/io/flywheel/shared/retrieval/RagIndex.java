package io.flywheel.shared.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code rag-index} version in memory: the passages, their unit-length embeddings in one {@link VectorIndex}, and
 * what is needed to reproduce and trust it — the embedding model id and dimension, the chunking parameters and the
 * source documents with their hashes. Immutable once built; a new version is a new instance swapped in whole.
 * The artifact format is {@link RagIndexCodec}'s (docs/rag-index.md).
 */
public final class RagIndex {

    private final String embeddingModel;
    private final ChunkingParams chunking;
    private final List<SourceDocument> documents;
    private final List<Chunk> chunks;
    private final VectorIndex vectors;

    /**
     * @param embeddingModel id of the model that made the embeddings (queries must be embedded by the same one)
     * @param chunking       how the documents were cut
     * @param documents      the sources, sorted by name
     * @param chunks         the passages, in the order of the rows of {@code vectors}
     * @param vectors        one unit-length row per passage
     */
    public RagIndex(String embeddingModel, ChunkingParams chunking, List<SourceDocument> documents, List<Chunk> chunks,
                    VectorIndex vectors) {
        this.embeddingModel = Objects.requireNonNull(embeddingModel, "embeddingModel");
        this.chunking = Objects.requireNonNull(chunking, "chunking");
        this.documents = List.copyOf(documents);
        this.chunks = List.copyOf(chunks);
        this.vectors = Objects.requireNonNull(vectors, "vectors");
        if (vectors.size() != chunks.size()) {
            throw new IllegalArgumentException(chunks.size() + " passages but " + vectors.size() + " embeddings");
        }
    }

    public String embeddingModel() {
        return embeddingModel;
    }

    public int dimension() {
        return vectors.dimension();
    }

    public ChunkingParams chunking() {
        return chunking;
    }

    public List<SourceDocument> documents() {
        return documents;
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    public VectorIndex vectors() {
        return vectors;
    }

    /**
     * The {@code k} passages closest to a unit-length query embedding, best first, each scoring at least
     * {@code minScore}.
     */
    public List<Passage> search(float[] query, int k, double minScore) {
        VectorIndex.Hits hits = vectors.search(query, k, (float) minScore);
        List<Passage> passages = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            passages.add(new Passage(chunks.get(hits.rows()[i]), hits.scores()[i]));
        }
        return passages;
    }
}
