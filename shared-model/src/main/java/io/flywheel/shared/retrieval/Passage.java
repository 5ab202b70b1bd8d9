package io.flywheel.shared.retrieval;

/**
 * A retrieved passage with its similarity to the query.
 *
 * @param chunk the passage
 * @param score cosine similarity to the query, -1..1 (higher is closer)
 */
public record Passage(Chunk chunk, double score) {
}
