package io.flywheel.shared.retrieval;

/**
 * A sentence-embedding model as the index builder and the golden-set evaluation see it: text in, a vector out (of
 * any length; callers normalise). The apps plug in the in-process all-MiniLM-L6-v2 model; shared-model stays free of
 * its runtime.
 */
@FunctionalInterface
public interface TextEmbedder {

    /** The embedding of one text. */
    float[] embed(String text);
}
