package io.flywheel.inference.retrieval;

import io.flywheel.shared.hashing.Sha256;
import io.flywheel.shared.retrieval.RagIndex;
import io.flywheel.shared.retrieval.RagIndexCodec;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Turns {@code rag-index} artifact bytes into a served index: verifies their sha256, reads them, checks that they were
 * embedded by the model this pod queries with, warms the index up, and swaps it in. This is the seam the deployment
 * sync calls for the {@code rag-index} kind; at start it also serves {@code flywheel.retrieval.index-file} if set.
 */
@ApplicationScoped
public class RagIndexLoader {

    private static final Logger LOG = Logger.getLogger(RagIndexLoader.class);

    private final QueryEmbedder embedder;
    private final ActiveIndex active;
    private final RetrievalConfig config;

    public RagIndexLoader(QueryEmbedder embedder, ActiveIndex active, RetrievalConfig config) {
        this.embedder = embedder;
        this.active = active;
        this.config = config;
    }

    void serveIndexFileAtStart(@Observes StartupEvent start) {
        config.indexFile().ifPresent(file -> {
            try {
                byte[] artifact = Files.readAllBytes(file);
                deploy(load(config.indexFileModel(), 0, artifact, Sha256.hex(artifact)));
            } catch (IOException e) {
                throw new UncheckedIOException("flywheel.retrieval.index-file " + file + " cannot be read", e);
            }
        });
    }

    /**
     * Reads and checks one version; nothing is served yet.
     *
     * @throws IllegalArgumentException when the bytes do not match their sha256, are not a valid artifact, or were
     *                                  embedded by another model than this pod's
     */
    public ServedIndex load(String model, int version, byte[] artifact, String expectedSha256) {
        String actual = Sha256.requireMatch(artifact, expectedSha256, model + " v" + version);
        RagIndex index = RagIndexCodec.read(artifact);
        if (!embedder.id().matches(index.embeddingModel(), index.dimension())) {
            throw new IllegalArgumentException(model + " v" + version + " was embedded with " + index.embeddingModel()
                    + " (" + index.dimension() + " dimensions); this pod queries with " + embedder.id().id()
                    + " (" + embedder.id().dimension() + ")");
        }
        warmUp(index);
        return new ServedIndex(model, version, actual, index);
    }

    /** Serves a loaded version from now on. */
    public void deploy(ServedIndex loaded) {
        var previous = active.swap(loaded);
        LOG.infof("serving rag-index %s v%d (%d passages from %d documents)%s", loaded.model(), loaded.version(),
                loaded.index().chunks().size(), loaded.index().documents().size(),
                previous.map(old -> ", replacing v" + old.version()).orElse(""));
    }

    // One search over every row brings the scan loop to compiled code before the first user query pays for it.
    private static void warmUp(RagIndex index) {
        if (index.vectors().size() > 0) {
            index.vectors().search(index.vectors().row(0), 1, -1f);
        }
    }
}
