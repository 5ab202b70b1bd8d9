package io.flywheel.inference.retrieval;

import java.util.List;

/**
 * What a retrieval found, and from which {@code rag-index} version.
 *
 * @param index        the index's model name, or {@code null} when no index is loaded
 * @param indexVersion its registry version, or {@code null} when no index is loaded
 * @param sources      the passages, best first; empty when nothing reached the score threshold or no index is loaded
 */
public record Retrieval(String index, Integer indexVersion, List<RetrievedSource> sources) {

    public Retrieval {
        sources = List.copyOf(sources);
    }

    /** The answer of a pod that has no index yet: nothing retrieved, and no version to name. */
    public static Retrieval noIndex() {
        return new Retrieval(null, null, List.of());
    }

    /** Whether an index answered (possibly with no passage above the threshold). */
    public boolean indexed() {
        return indexVersion != null;
    }
}
