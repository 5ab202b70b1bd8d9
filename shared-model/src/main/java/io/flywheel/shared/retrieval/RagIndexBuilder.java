package io.flywheel.shared.retrieval;

import io.flywheel.shared.hashing.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link RagIndex} from accepted documents: chunks each one ({@link DocumentChunker}), embeds what
 * {@link DocumentChunker#embeddingText} keeps of every passage, and normalises the rows. Documents are taken in name
 * order, so the same documents, chunking and model always give the same index — and the same artifact bytes.
 */
public final class RagIndexBuilder {

    /** How often progress is reported, in passages. */
    private static final int PROGRESS_EVERY = 100;

    private final DocumentChunker chunker;
    private final EmbeddingModelId model;
    private final TextEmbedder embedder;

    public RagIndexBuilder(ChunkingParams chunking, EmbeddingModelId model, TextEmbedder embedder) {
        this.chunker = new DocumentChunker(chunking);
        this.model = model;
        this.embedder = embedder;
    }

    /**
     * The index of the documents.
     *
     * @param documents name → text of every document to index
     * @param progress  told the number of passages embedded so far and the total, now and then
     */
    public RagIndex build(Map<String, String> documents, Progress progress) {
        Map<String, String> sorted = new TreeMap<>(Comparator.naturalOrder());
        sorted.putAll(documents);
        List<SourceDocument> sources = new ArrayList<>(sorted.size());
        List<Chunk> chunks = new ArrayList<>();
        sorted.forEach((name, text) -> {
            sources.add(new SourceDocument(name, Sha256.hex(text.getBytes(StandardCharsets.UTF_8)), text.length()));
            chunks.addAll(chunker.chunk(name, text));
        });
        int dimension = model.dimension();
        float[] vectors = new float[chunks.size() * dimension];
        for (int i = 0; i < chunks.size(); i++) {
            float[] vector = embedder.embed(DocumentChunker.embeddingText(chunks.get(i)));
            if (vector.length != dimension) {
                throw new IllegalStateException("the embedding model " + model.id() + " gave " + vector.length
                        + " dimensions, " + dimension + " expected");
            }
            System.arraycopy(vector, 0, vectors, i * dimension, dimension);
            if ((i + 1) % PROGRESS_EVERY == 0) {
                progress.embedded(i + 1, chunks.size());
            }
        }
        progress.embedded(chunks.size(), chunks.size());
        return new RagIndex(model.id(), chunker.params(), sources, chunks,
                VectorIndex.normalising(vectors, dimension));
    }

    /** Receives the building's progress. */
    @FunctionalInterface
    public interface Progress {

        /** Nothing to report. */
        Progress NONE = (done, total) -> { };

        void embedded(int done, int total);
    }
}
