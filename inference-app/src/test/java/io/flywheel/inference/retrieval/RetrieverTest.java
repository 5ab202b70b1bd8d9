package io.flywheel.inference.retrieval;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;

import io.flywheel.inference.DatabaseTestResource;
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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class RetrieverTest {

    private static final List<String> PASSAGES = List.of(
            "The pdb module is a simple but adequate console-mode debugger for Python.",
            "Use the freeze tool to create a stand-alone binary from a Python script.",
            "Tuples are immutable, lists are mutable; use a tuple as a dictionary key.",
            "The global interpreter lock lets only one thread execute Python bytecode at a time.",
            "To install a package on Windows, run pip from the command prompt.");

    @Inject
    Retriever retriever;
    @Inject
    RagIndexLoader loader;
    @Inject
    QueryEmbedder embedder;

    @BeforeEach
    void serveTheSmallIndex() {
        loader.deploy(loader.load("faq", 1, artifact(PASSAGES), sha256(artifact(PASSAGES))));
    }

    @Test
    void theReadinessCheckReportsTheModelAndTheIndex() {
        retriever.retrieve("warm", 1);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'retrieval' }.data.index", org.hamcrest.Matchers.equalTo("faq v1"))
                .body("checks.name", hasItem("retrieval"));
    }

    @Test
    void aQuestionFindsThePassageThatAnswersItFirst() {
        Retrieval retrieval = retriever.retrieve("Is there a debugger for Python?", 3);

        assertThat(retrieval.index()).isEqualTo("faq");
        assertThat(retrieval.indexVersion()).isEqualTo(1);
        assertThat(retrieval.sources()).hasSize(3);
        assertThat(retrieval.sources().get(0).text()).contains("pdb");
        assertThat(retrieval.sources().get(0).chunk()).isEqualTo("doc-0.txt#0");
        assertThat(retrieval.sources().get(0).score()).isGreaterThan(retrieval.sources().get(1).score());
    }

    @Test
    void theScoreThresholdDropsPassagesBelowIt() {
        Retrieval all = retriever.retrieve("Why can't threads run Python code in parallel?", 5);
        double best = all.sources().get(0).score();

        Retrieval above = retriever.retrieve("Why can't threads run Python code in parallel?", 5, best - 1e-6);

        assertThat(all.sources().get(0).text()).contains("global interpreter lock");
        assertThat(above.sources()).hasSize(1);
    }

    @Test
    void aRepeatedQuestionIsEmbeddedOnceAndCountedAsACacheHit() {
        String question = "How do I make a stand-alone executable? " + System.nanoTime();
        long hits = embedder.cacheStats().hitCount();
        long misses = embedder.cacheStats().missCount();

        Retrieval first = retriever.retrieve(question, 2);
        Retrieval second = retriever.retrieve(question, 2);

        assertThat(second).isEqualTo(first);
        assertThat(embedder.cacheStats().missCount()).isEqualTo(misses + 1);
        assertThat(embedder.cacheStats().hitCount()).isEqualTo(hits + 1);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("cache_gets_total{cache=\"retrieval-query-embeddings\""));
    }

    @Test
    void aNewVersionIsSwappedInWholeWhileQueriesRun() throws Exception {
        List<String> reversed = new ArrayList<>(PASSAGES);
        java.util.Collections.reverse(reversed);
        byte[] v2 = artifact(reversed);
        ServedIndex second = loader.load("faq", 2, v2, sha256(v2));
        ServedIndex first = loader.load("faq", 1, artifact(PASSAGES), sha256(artifact(PASSAGES)));
        AtomicBoolean swapping = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                results.add(clients.submit(() -> {
                    int answered = 0;
                    while (swapping.get()) {
                        Retrieval r = retriever.retrieve("Is there a debugger for Python?", 1);
                        // each answer comes whole from one version: v1 numbers the pdb passage 0, v2 numbers it 4
                        String expected = r.indexVersion() == 1 ? "doc-0.txt#0" : "doc-4.txt#0";
                        assertThat(r.sources().get(0).chunk()).isEqualTo(expected);
                        answered++;
                    }
                    return answered;
                }));
            }
            for (int swap = 0; swap < 200; swap++) {
                loader.deploy(swap % 2 == 0 ? second : first);
            }
            swapping.set(false);
            for (Future<Integer> result : results) {
                assertThat(result.get()).isPositive();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void anArtifactWhoseHashDoesNotMatchIsRefusedAndTheServedVersionStays() {
        byte[] bytes = artifact(PASSAGES);

        assertThatThrownBy(() -> loader.load("faq", 9, bytes, "00".repeat(32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256");
        assertThat(retriever.retrieve("debugger", 1).indexVersion()).isEqualTo(1);
    }

    @Test
    void anIndexEmbeddedByAnotherModelIsRefused() {
        RagIndex foreign = new RagIndex("e5-small-v2", ChunkingParams.DEFAULT, List.of(), List.of(),
                VectorIndex.normalising(new float[0], 384));
        byte[] bytes = RagIndexCodec.write(foreign);

        assertThatThrownBy(() -> loader.load("faq", 9, bytes, sha256(bytes)))
                .hasMessageContaining("e5-small-v2").hasMessageContaining("all-minilm-l6-v2");
    }

    @Test
    void outOfRangeArgumentsAreRefusedAndABlankQuestionRetrievesNothing() {
        assertThatThrownBy(() -> retriever.retrieve("q", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> retriever.retrieve("q", 51)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> retriever.retrieve("q", 1, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(retriever.retrieve("  ", 3).sources()).isEmpty();
        assertThat(retriever.retrieve("debugger", 0).sources()).isEmpty();
    }

    private byte[] artifact(List<String> passages) {
        List<Chunk> chunks = new ArrayList<>();
        List<SourceDocument> documents = new ArrayList<>();
        float[] vectors = new float[passages.size() * embedder.id().dimension()];
        for (int i = 0; i < passages.size(); i++) {
            String text = passages.get(i);
            String document = "doc-" + i + ".txt";
            documents.add(new SourceDocument(document, sha256(text.getBytes()), text.length()));
            chunks.add(new Chunk(document, document + "#0", "", 0, text.length(), text));
            System.arraycopy(embedder.embed(text), 0, vectors, i * embedder.id().dimension(), embedder.id().dimension());
        }
        return RagIndexCodec.write(new RagIndex(embedder.id().id(), ChunkingParams.DEFAULT, documents, chunks,
                VectorIndex.normalising(vectors, embedder.id().dimension())));
    }

    private static String sha256(byte[] bytes) {
        return io.flywheel.shared.hashing.Sha256.hex(bytes);
    }
}
