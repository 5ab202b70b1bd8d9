package io.flywheel.inference.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.inference.DatabaseTestResource;
import io.flywheel.shared.hashing.Sha256;
import io.flywheel.shared.retrieval.Chunk;
import io.flywheel.shared.retrieval.ChunkingParams;
import io.flywheel.shared.retrieval.RagIndex;
import io.flywheel.shared.retrieval.RagIndexCodec;
import io.flywheel.shared.retrieval.SourceDocument;
import io.flywheel.shared.retrieval.VectorIndex;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Latency of a retrieval as the assistant pays it: the model's cold start, a question never seen (embedding + top-k),
 * and a repeated question (cache hit + top-k). Not part of verify; the command is in docs/benchmarks.md.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@Tag("benchmark")
class RetrievalLatencyBenchmark {

    private static final String[] TOPICS = {"a debugger", "a stand-alone binary", "static analysis", "tuples and lists",
        "the global interpreter lock", "a package on Windows", "threads", "closures in loops", "default arguments",
        "copying an object", "sorting a list", "dictionary keys", "string formatting", "reading a file", "regular expressions",
        "calling C code", "extension modules", "GUI toolkits", "garbage collection", "integer division"};
    private static final String[] ASKS = {"How do I use %s in Python?", "What is %s?", "Why does Python have %s?",
        "Is there %s for Python?", "Where can I learn about %s?", "Can you explain %s?", "When should I avoid %s?",
        "What goes wrong with %s?", "How fast is %s?", "Which module handles %s?"};

    @Inject
    Retriever retriever;
    @Inject
    QueryEmbedder embedder;
    @Inject
    RagIndexLoader loader;

    @Test
    void measuresColdWarmAndCachedRetrieval() {
        retriever.retrieve("warm the model", 1);
        byte[] artifact = smallIndex();
        loader.deploy(loader.load("bench", 1, artifact, Sha256.hex(artifact)));
        List<String> questions = new ArrayList<>();
        for (String ask : ASKS) {
            for (String topic : TOPICS) {
                questions.add(String.format(Locale.ROOT, ask, topic));
            }
        }
        for (int i = 0; i < 20; i++) {
            retriever.retrieve("warm-up question number " + i, 5);
        }
        long[] misses = time(questions);
        long[] hits = time(questions);

        System.out.printf(Locale.ROOT, "retrieval: model cold start %d ms; new question p50 %.2f ms p99 %.2f ms;"
                        + " repeated question (cache hit) p50 %.3f ms p99 %.3f ms (%d questions)%n",
                embedder.loadTime().orElseThrow().toMillis(), ms(misses, 0.5), ms(misses, 0.99), ms(hits, 0.5),
                ms(hits, 0.99), questions.size());
        assertThat(embedder.cacheStats().hitCount()).isGreaterThanOrEqualTo(questions.size());
    }

    private long[] time(List<String> questions) {
        long[] nanos = new long[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            long started = System.nanoTime();
            retriever.retrieve(questions.get(i), 5);
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private byte[] smallIndex() {
        int dimension = embedder.id().dimension();
        List<Chunk> chunks = new ArrayList<>();
        float[] vectors = new float[TOPICS.length * dimension];
        for (int i = 0; i < TOPICS.length; i++) {
            String text = "Python and " + TOPICS[i] + ".";
            chunks.add(new Chunk("topics.md", "topics.md#" + i, "", 0, text.length(), text));
            System.arraycopy(embedder.embed(text), 0, vectors, i * dimension, dimension);
        }
        return RagIndexCodec.write(new RagIndex(embedder.id().id(), ChunkingParams.DEFAULT,
                List.of(new SourceDocument("topics.md", "00".repeat(32), 0)), chunks,
                VectorIndex.normalising(vectors, dimension)));
    }
}
