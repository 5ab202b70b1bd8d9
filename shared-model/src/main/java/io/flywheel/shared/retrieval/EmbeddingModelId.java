package io.flywheel.shared.retrieval;

/**
 * Which sentence-embedding model made an index's vectors. A query must be embedded by the same model (same id and
 * dimension) for its cosine similarities to mean anything; an inference pod refuses to serve an index made by a model
 * it does not run.
 *
 * @param id        the model's name, e.g. {@code all-minilm-l6-v2}
 * @param dimension the length of its vectors
 */
public record EmbeddingModelId(String id, int dimension) {

    /** sentence-transformers/all-MiniLM-L6-v2 through langchain4j's in-process ONNX runtime: 384 dimensions. */
    public static final EmbeddingModelId ALL_MINILM_L6_V2 = new EmbeddingModelId("all-minilm-l6-v2", 384);

    /** Whether an index with the given model id and dimension can be queried with this model. */
    public boolean matches(String indexModel, int indexDimension) {
        return id.equals(indexModel) && dimension == indexDimension;
    }
}
