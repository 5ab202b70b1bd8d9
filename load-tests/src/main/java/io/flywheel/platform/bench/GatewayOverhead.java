package io.flywheel.platform.bench;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.flywheel.shared.retrieval.Chunk;
import io.flywheel.shared.retrieval.EmbeddingModelId;
import io.flywheel.shared.retrieval.ChunkingParams;
import io.flywheel.shared.retrieval.RagIndex;
import io.flywheel.shared.retrieval.RagIndexCodec;
import io.flywheel.shared.retrieval.SourceDocument;
import io.flywheel.shared.retrieval.VectorIndex;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.FakeOpenAi;
import io.flywheel.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The assistant gateway's overhead over a zero-latency provider (docs/benchmarks.md, "Assistant gateway"). Starts the
 * fake OpenAI server and the packaged inference-app (JVM) on a real PostgreSQL, then measures with one sequential
 * client: the provider alone, the gateway without retrieval, the gateway with retrieval on a repeated question (query
 * embedding cache hit) and on new questions (the in-process embedding runs), and the throughput of 16 clients.
 * {@code -Dbench.stream=true} measures streamed requests (to the provider and to the gateway) instead.
 * With {@code -Dbench.baseline=<another build's quarkus-run.jar>} it compares instead: the provider, this build's
 * gateway and the other build's gateway, requests alternated between the three (order rotating), so that all three
 * share whatever else the machine is doing — on a busy machine the only fair comparison. {@code -Dbench.baseline=same}
 * compares this build with itself, and {@code -Dbench.app.<key>=<value>} / {@code -Dbench.baseline.app.<key>=<value>}
 * set a configuration key on this build's / the baseline's gateway only: the way to measure what one setting costs.
 *
 * <pre>./mvnw -B -q package -pl load-tests -am -DskipTests
 * java -cp "load-tests/target/flywheel-load-tests.jar:load-tests/target/lib/*" io.flywheel.platform.bench.GatewayOverhead</pre>
 */
public final class GatewayOverhead {

    private static final int WARM_UP = Integer.getInteger("bench.warmup", 1_500);
    /**
     * The JIT takes a minute of steady traffic to settle on these 2 cores (the frameworks' hot paths are thousands of
     * methods): measured earlier, the figures are compile time, not the gateway (docs/benchmarks.md).
     */
    private static final Duration WARM_UP_AT_LEAST = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 60));
    private static final int SAMPLES = Integer.getInteger("bench.samples", 3_000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final Duration THROUGHPUT_RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));
    private static final Path JAR = Path.of("inference-app", "target", "quarkus-app", "quarkus-run.jar");
    /** {@code -Dbench.stream=true}: every request, to the provider and to the gateway, asks for a stream. */
    private static final String STREAM = Boolean.getBoolean("bench.stream") ? ",\"stream\":true" : "";
    private static final String BODY = "{\"model\":\"assistant\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}],"
            + "\"max_tokens\":64" + STREAM + "}";
    private static final String REPEATED = "How do I sort a list in Python?";
    private static final String BASELINE = System.getProperty("bench.baseline");
    private static final String CANDIDATE_CONFIG = "bench.app.";
    private static final String BASELINE_CONFIG = "bench.baseline.app.";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        new GatewayOverhead().run();
    }

    private void run() throws Exception {
        try (FakeOpenAi fake = FakeOpenAi.start()) {
            fake.answering("primary", FakeOpenAi.Answering.ECHO);
            URI direct = URI.create(fake.baseUrl("primary") + "/chat/completions");
            String providerBody = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Answer.\"},"
                    + "{\"role\":\"user\",\"content\":\"" + REPEATED + "\"}],\"max_tokens\":64" + STREAM + "}";
            if (!STREAM.isEmpty()) {
                System.out.println("every request streamed (the whole stream read)");
            }
            System.out.println("| measurement | p50 ms | p99 ms | mean ms |");
            System.out.println("|---|---|---|---|");
            if (BASELINE != null) {
                compare(fake, direct, providerBody);
                return;
            }
            double[] provider = latencies(direct, i -> providerBody);
            report("provider alone (fake, loopback)", provider);

            try (AppProcess gateway = start("no-index", JAR, fake, null)) {
                URI completions = gateway.baseUri().resolve("/v1/chat/completions");
                double[] plain = latencies(completions, i -> BODY.formatted(REPEATED));
                report("gateway, no retrieval", plain);
                added("added by the gateway, no retrieval", plain, provider);
                System.out.printf("%nthroughput, no retrieval, %d clients: %.0f requests/s%n%n", CLIENTS,
                        throughput(completions));
            }
            if (!Boolean.parseBoolean(System.getProperty("bench.retrieval", "true"))) {
                return;
            }
            Path index = buildIndex();
            try (AppProcess gateway = start("with-index", JAR, fake, index)) {
                URI completions = gateway.baseUri().resolve("/v1/chat/completions");
                double[] cached = latencies(completions, i -> BODY.formatted(REPEATED));
                report("gateway + retrieval, repeated question (embedding cache hit)", cached);
                added("added, retrieval with cache hit", cached, provider);
                double[] fresh = latencies(completions, i -> BODY.formatted("Question number " + i
                        + ": how do I sort a list in Python?"));
                report("gateway + retrieval, new question each time (embedding computed)", fresh);
                added("added, retrieval with embedding", fresh, provider);
            }
        }
    }

    /** The provider, this build's gateway and the baseline's, no retrieval, requests alternated between them. */
    private void compare(FakeOpenAi fake, URI direct, String providerBody) throws IOException, InterruptedException {
        Path baselineJar = "same".equals(BASELINE) ? JAR : Path.of(BASELINE);
        try (AppProcess candidate = start("no-index", JAR, fake, null, overrides(CANDIDATE_CONFIG));
             AppProcess baseline = start("baseline", baselineJar, fake, null, overrides(BASELINE_CONFIG))) {
            String gatewayBody = BODY.formatted(REPEATED);
            double[][] millis = interleaved(List.of(direct, candidate.baseUri().resolve("/v1/chat/completions"),
                            baseline.baseUri().resolve("/v1/chat/completions")),
                    List.of(providerBody, gatewayBody, gatewayBody));
            report("provider alone (fake, loopback)", millis[0]);
            report("gateway, this build" + describe(CANDIDATE_CONFIG) + ", no retrieval", millis[1]);
            added("added by this build", millis[1], millis[0]);
            report("gateway, baseline " + BASELINE + describe(BASELINE_CONFIG) + ", no retrieval", millis[2]);
            added("added by the baseline", millis[2], millis[0]);
        }
    }

    /** Latencies of each target, one request to each in turn, the order rotating every round; sorted per target. */
    private double[][] interleaved(List<URI> targets, List<String> bodies) throws IOException, InterruptedException {
        int n = targets.size();
        long warmUntil = System.nanoTime() + WARM_UP_AT_LEAST.toNanos();
        for (int i = 0; i < WARM_UP || System.nanoTime() < warmUntil; i++) {
            for (int t = 0; t < n; t++) {
                send(targets.get(t), bodies.get(t));
            }
        }
        double[][] millis = new double[n][SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            for (int k = 0; k < n; k++) {
                int t = (i + k) % n;
                long started = System.nanoTime();
                send(targets.get(t), bodies.get(t));
                millis[t][i] = (System.nanoTime() - started) / 1e6;
            }
        }
        for (double[] target : millis) {
            Arrays.sort(target);
        }
        return millis;
    }

    /** The configuration keys given as system properties under {@code prefix}. */
    private static Map<String, String> overrides(String prefix) {
        Map<String, String> config = new HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(prefix))
                .forEach(key -> config.put(key.substring(prefix.length()), System.getProperty(key)));
        return config;
    }

    private static String describe(String prefix) {
        Map<String, String> config = overrides(prefix);
        return config.isEmpty() ? "" : " " + config;
    }

    private AppProcess start(String name, Path jar, FakeOpenAi fake, Path index) {
        return start(name, jar, fake, index, overrides(CANDIDATE_CONFIG));
    }

    private AppProcess start(String name, Path jar, FakeOpenAi fake, Path index, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(TestDatabase.shared().quarkusConfig());
        config.put("flywheel.assistant.providers.fake.base-url", fake.baseUrl("primary"));
        config.put("flywheel.assistant.routing.primary-provider", "fake");
        config.put("flywheel.assistant.routing.primary-model", "fake-model");
        config.put("quarkus.log.level", "WARN");
        // no mlops-app here: readiness must not wait for a first deployments document
        config.put("flywheel.deployments.enabled", "false");
        if (index != null) {
            config.put("flywheel.retrieval.index-file", index.toAbsolutePath().toString());
        }
        config.putAll(overrides);
        return AppProcess.start("inference-" + name, jar, AppProcess.freePort(), config,
                Path.of("load-tests", "target", "bench-" + name + ".log"), Duration.ofSeconds(180));
    }

    private double[] latencies(URI uri, IntFunction<String> body) throws IOException, InterruptedException {
        long warmUntil = System.nanoTime() + WARM_UP_AT_LEAST.toNanos();
        for (int i = 0; i < WARM_UP || System.nanoTime() < warmUntil; i++) {
            send(uri, body.apply(-i - 1));
        }
        double[] millis = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long started = System.nanoTime();
            send(uri, body.apply(i));
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private double throughput(URI uri) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.execute(() -> {
                while (running.get()) {
                    try {
                        send(uri, BODY.formatted(REPEATED));
                        done.incrementAndGet();
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
        }
        Thread.sleep(THROUGHPUT_RUN.toMillis());
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        return done.get() / (double) THROUGHPUT_RUN.toSeconds();
    }

    private String send(URI uri, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        // a degraded answer (the provider's was refused or failed) would measure another path than the one meant
        if (response.body().contains("\"degraded\":true")) {
            throw new IllegalStateException(uri + " answered degraded, not from the provider: " + response.body());
        }
        return response.body();
    }

    private static void report(String what, double[] sorted) {
        System.out.printf("| %s | %.3f | %.3f | %.3f |%n", what, percentile(sorted, 0.50), percentile(sorted, 0.99),
                Arrays.stream(sorted).average().orElse(0));
    }

    private static void added(String what, double[] gateway, double[] provider) {
        System.out.printf("| **%s** | **%.3f** | **%.3f** | %.3f |%n", what,
                percentile(gateway, 0.50) - percentile(provider, 0.50),
                percentile(gateway, 0.99) - percentile(provider, 0.99),
                Arrays.stream(gateway).average().orElse(0) - Arrays.stream(provider).average().orElse(0));
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** A rag-index of the Python FAQ sentences the questions are about, embedded by the model the pods use. */
    private static Path buildIndex() throws Exception {
        List<String> passages = List.of(
                "Use the sorted() built-in function to get a new sorted list from any iterable.",
                "The list.sort() method sorts a list in place and returns None.",
                "The pdb module is a simple but adequate console-mode debugger for Python.",
                "Tuples are immutable, lists are mutable; only immutable elements can be dictionary keys.",
                "To run a Python script on Windows, type py followed by the script name at the command prompt.");
        AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
        int dimension = EmbeddingModelId.ALL_MINILM_L6_V2.dimension();
        float[] vectors = new float[passages.size() * dimension];
        List<Chunk> chunks = new ArrayList<>();
        List<SourceDocument> documents = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            String text = passages.get(i);
            String document = "faq-" + i + ".rst";
            documents.add(new SourceDocument(document, sha256(text.getBytes(StandardCharsets.UTF_8)), text.length()));
            chunks.add(new Chunk(document, document + "#0", "", 0, text.length(), text));
            System.arraycopy(model.embed(text).content().vector(), 0, vectors, i * dimension, dimension);
        }
        byte[] artifact = RagIndexCodec.write(new RagIndex(EmbeddingModelId.ALL_MINILM_L6_V2.id(),
                ChunkingParams.DEFAULT, documents, chunks, VectorIndex.normalising(vectors, dimension)));
        Path file = Files.createTempFile("bench-index", ".json");
        Files.write(file, artifact);
        return file;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
