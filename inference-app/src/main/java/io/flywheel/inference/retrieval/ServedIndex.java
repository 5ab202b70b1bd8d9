package io.flywheel.inference.retrieval;

import io.flywheel.shared.retrieval.RagIndex;

/**
 * A {@code rag-index} version loaded in this pod.
 *
 * @param model   the registry model name
 * @param version the registry version
 * @param sha256  the verified sha256 of its artifact
 * @param index   the searchable index
 */
public record ServedIndex(String model, int version, String sha256, RagIndex index) {
}
