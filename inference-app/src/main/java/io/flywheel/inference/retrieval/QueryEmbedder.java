package io.flywheel.inference.retrieval;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.retrieval.EmbeddingModelId;
import io.flywheel.shared.retrieval.VectorIndex;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Embeds questions with the in-process all-MiniLM-L6-v2 model (the one every index is built with), behind a bounded
 * cache. The model takes about two seconds to load, so it is loaded once, on a worker thread right after start, and
 * readiness stays down until it has answered a first query.
 */
@ApplicationScoped
public class QueryEmbedder {

    private static final Logger LOG = Logger.getLogger(QueryEmbedder.class);
    private static final String WARM_UP_QUERY = "How do I warm up an embedding model?";

    private final RetrievalConfig config;
    private final CompletableFuture<EmbeddingModel> model = new CompletableFuture<>();
    private volatile Duration loadTime;
    private final Cache<String, float[]> cache;
    private final Timer embeddingTime;

    public QueryEmbedder(RetrievalConfig config, MeterRegistry registry) {
        this.config = config;
        this.cache = Caffeine.newBuilder().maximumSize(config.queryCacheSize()).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, cache, "retrieval-query-embeddings");
        this.embeddingTime = Timer.builder("flywheel.retrieval.embedding")
                .description("Time to embed a query with the in-process model (cache misses only)")
                .publishPercentileHistogram()
                .register(registry);
    }

    void loadAtStart(@Observes StartupEvent start) {
        Infrastructure.getDefaultWorkerPool().execute(this::load);
    }

    private void load() {
        long started = System.nanoTime();
        try {
            EmbeddingModel loaded = new AllMiniLmL6V2EmbeddingModel();
            loaded.embed(WARM_UP_QUERY);
            loadTime = Duration.ofNanos(System.nanoTime() - started);
            model.complete(loaded);
            LOG.infof("embedding model %s loaded in %d ms", id().id(), loadTime.toMillis());
        } catch (RuntimeException | LinkageError e) {
            LOG.errorf(e, "the embedding model %s could not be loaded; retrieval is unavailable", id().id());
            model.completeExceptionally(e);
        }
    }

    /** The model this pod embeds with; an index must have been built with the same one. */
    public EmbeddingModelId id() {
        return EmbeddingModelId.ALL_MINILM_L6_V2;
    }

    /** Whether the model is loaded and has answered its warm-up query. */
    public boolean isReady() {
        return model.isDone() && !model.isCompletedExceptionally();
    }

    /** How long loading the model and its warm-up query took (the cold start of retrieval), once it is loaded. */
    public Optional<Duration> loadTime() {
        return Optional.ofNullable(loadTime);
    }

    /** Why the model could not be loaded, if it could not. */
    public Optional<String> failure() {
        if (!model.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            model.join();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getCause() == null ? e : e.getCause()));
        }
    }

    /** The cache's hit and miss counts (also exported as {@code cache_gets_total}). */
    public com.github.benmanes.caffeine.cache.stats.CacheStats cacheStats() {
        return cache.stats();
    }

    /** Whether the query's embedding is cached, so that {@link #embed} returns it at once (no model run). */
    public boolean isCached(String query) {
        return cache.getIfPresent(truncated(query)) != null;
    }

    /**
     * The unit-length embedding of a query; blocking (milliseconds of CPU on a miss), so never on the event loop.
     * Until the model is loaded it waits up to the configured time, then reports the service unavailable.
     */
    public float[] embed(String query) {
        return cache.get(truncated(query), this::compute);
    }

    private String truncated(String query) {
        return query.length() > config.maxQueryChars() ? query.substring(0, config.maxQueryChars()) : query;
    }

    private float[] compute(String text) {
        EmbeddingModel loaded = awaitModel();
        long started = System.nanoTime();
        float[] vector = loaded.embed(text).content().vector();
        VectorIndex.normalise(vector, 0, vector.length);
        embeddingTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return vector;
    }

    private EmbeddingModel awaitModel() {
        try {
            return model.get(config.loadTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "the embedding model is still loading; retry shortly");
        } catch (ExecutionException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "the embedding model could not be loaded: "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.UNAVAILABLE, "interrupted while waiting for the embedding model");
        }
    }
}
