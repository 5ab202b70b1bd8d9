package io.flywheel.inference.retrieval;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Retrieval for the assistant: query embeddings, their cache, and where an index comes from without mlops-app. */
@ConfigMapping(prefix = "flywheel.retrieval")
public interface RetrievalConfig {

    /**
     * How many query embeddings are kept (about 1.6 KB each); repeated questions then skip the model, which costs
     * milliseconds per query. 0 turns the cache off.
     */
    @WithDefault("4096")
    int queryCacheSize();

    /** The longest query embedded, in characters; the model reads at most 510 word pieces anyway. */
    @WithDefault("4000")
    int maxQueryChars();

    /** How long a query waits for the embedding model while it is still loading, before a 503. */
    @WithDefault("30s")
    Duration loadTimeout();

    /** The largest k a caller may ask for. */
    @WithDefault("50")
    int maxK();

    /**
     * A {@code rag-index} artifact file served from the start, for users without mlops-app and for tests; the
     * deployment sync replaces it as soon as mlops-app deploys a version.
     */
    Optional<Path> indexFile();

    /** The model name the index file is served as. */
    @WithDefault("assistant-index")
    String indexFileModel();
}
