package io.flywheel.inference.retrieval;

import io.flywheel.shared.retrieval.Passage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Finds the passages of the active {@code rag-index} version closest to a question: the question is embedded by the
 * in-process model (cached), then an exact cosine top-k runs over the index in memory. This is the assistant's only
 * entry into retrieval.
 */
@ApplicationScoped
public class Retriever {

    /** The score threshold that keeps every passage. */
    public static final double NO_THRESHOLD = -1.0;

    private final QueryEmbedder embedder;
    private final ActiveIndex active;
    private final RetrievalConfig config;
    private final Timer searchTime;

    public Retriever(QueryEmbedder embedder, ActiveIndex active, RetrievalConfig config, MeterRegistry registry) {
        this.embedder = embedder;
        this.active = active;
        this.config = config;
        this.searchTime = Timer.builder("flywheel.retrieval.search")
                .description("Time of the exact top-k search over the active index")
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * The {@code k} passages closest to the question, best first, each scoring at least {@code minScore}.
     * Blocking: embedding a new question costs milliseconds of CPU, so call it from a worker thread, or use
     * {@link #retrieveAsync}. With no index loaded the result has no version and no sources.
     *
     * @param question the user's question (already pseudonymised)
     * @param k        how many passages, 0..{@code flywheel.retrieval.max-k}
     * @param minScore cosine similarity a passage must reach, -1..1 ({@link #NO_THRESHOLD} keeps all)
     * @throws IllegalArgumentException        when k or minScore are out of range
     * @throws io.flywheel.shared.problem.ProblemException (503) while the embedding model is still loading
     */
    public Retrieval retrieve(String question, int k, double minScore) {
        if (k < 0 || k > config.maxK()) {
            throw new IllegalArgumentException("k must be within 0.." + config.maxK() + ", was " + k);
        }
        if (!(minScore >= -1 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be within -1..1, was " + minScore);
        }
        Optional<ServedIndex> served = active.current();
        if (served.isEmpty()) {
            return Retrieval.noIndex();
        }
        ServedIndex index = served.get();
        if (k == 0 || question == null || question.isBlank()) {
            return new Retrieval(index.model(), index.version(), List.of());
        }
        float[] query = embedder.embed(question);
        long started = System.nanoTime();
        List<Passage> passages = index.index().search(query, k, minScore);
        searchTime.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        return new Retrieval(index.model(), index.version(), passages.stream().map(Retriever::source).toList());
    }

    /** {@link #retrieve} with every passage kept whatever its score. */
    public Retrieval retrieve(String question, int k) {
        return retrieve(question, k, NO_THRESHOLD);
    }

    /**
     * {@link #retrieve} for callers on the event loop: on a worker thread when the question must be embedded, in
     * place when there is nothing to embed or its embedding is cached (microseconds: a hand-off would cost more).
     */
    public Uni<Retrieval> retrieveAsync(String question, int k, double minScore) {
        Uni<Retrieval> retrieval = Uni.createFrom().item(() -> retrieve(question, k, minScore));
        boolean inPlace = active.current().isEmpty() || k == 0 || question == null || question.isBlank()
                || embedder.isCached(question);
        return inPlace ? retrieval : retrieval.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Whether queries can be answered now: the embedding model is loaded (an index may still be missing). */
    public boolean isReady() {
        return embedder.isReady();
    }

    private static RetrievedSource source(Passage passage) {
        var chunk = passage.chunk();
        return new RetrievedSource(chunk.document(), chunk.id(), chunk.section(), chunk.start(), chunk.end(),
                chunk.text(), passage.score());
    }
}
