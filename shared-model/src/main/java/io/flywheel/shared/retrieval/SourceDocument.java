package io.flywheel.shared.retrieval;

import java.util.Objects;

/**
 * A document an index was built from: its lineage entry.
 *
 * @param name   the document's name, e.g. {@code programming.rst}
 * @param sha256 lower-case hex sha256 of its bytes
 * @param chars  its length in characters
 */
public record SourceDocument(String name, String sha256, int chars) {

    public SourceDocument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
    }
}
