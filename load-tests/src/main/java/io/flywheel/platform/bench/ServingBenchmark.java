package io.flywheel.platform.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.GradientBoostedTrees;
import io.flywheel.shared.tabular.SyntheticModels;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatabase;
import io.flywheel.testing.TestDatasets;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The V2 infer endpoint over loopback, JVM mode (docs/benchmarks.md, "Tabular serving"). Serves a 200-tree
 * gradient-boosted model of the 22 Lending Club features from a file (no mlops-app), on a real PostgreSQL (the
 * prediction log writes every row), and drives it with wrk on the same machine: where scoring runs (all on the event
 * loop, all on the scoring pool, or split by body size as by default) for one row and batches of 100 and 1,000 rows,
 * one-row latency while 1,000-row batches run, the one-row peak, and the latency percentiles at half of that peak
 * (wrk paced: each connection pauses between its requests).
 *
 * <pre>./mvnw -B -q package -pl load-tests -am -DskipTests
 * java -cp "load-tests/target/flywheel-load-tests.jar:load-tests/target/lib/*" io.flywheel.platform.bench.ServingBenchmark</pre>
 */
public final class ServingBenchmark {

    private static final Path JAR = Path.of("inference-app", "target", "quarkus-app", "quarkus-run.jar");
    private static final String MODEL = "lending-club";
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int HALF_PEAK_SECONDS = Integer.getInteger("bench.half-peak-seconds", 60);
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PACING = """
            function delay()
               return %.3f
            end
            """;
    /** wrk prints p50/75/90/99 itself; this adds p95 and p99.9 in microseconds. */
    private static final String MORE_PERCENTILES = """
            function done(summary, latency, requests)
               io.write(string.format("p95us %d p999us %d\\n", latency:percentile(95), latency:percentile(99.9)))
            end
            """;

    private final Path work;
    private final Table table = TestDatasets.lendingClub();
    private final FeatureSchema schema = FeatureSchema.infer(table, "Class", null);

    private ServingBenchmark(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        new ServingBenchmark(Files.createTempDirectory("flywheel-serving-bench")).run();
    }

    private void run() throws Exception {
        Path artifact = work.resolve("lending-club-gbm.json");
        Files.write(artifact, ArtifactCodec.write(new SyntheticModels(schema, table, 42)
                .boostedTrees(200, 6, GradientBoostedTrees.Objective.MULTI_SOFTPROB)));
        Path one = script("one-row", 1);
        Path hundred = script("batch-100", 100);
        Path thousand = script("batch-1000", 1_000);

        System.out.println("| where scoring runs | request | connections | requests/s | rows/s | p50 | p99 | non-2xx |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        // 4M puts every body on the event loop, 0 every request on the scoring pool, the default splits at 16K
        for (Map.Entry<String, String> placement : List.of(Map.entry("event loop", "4M"),
                Map.entry("scoring pool", "0"), Map.entry("split at 16 KiB (default)", "16K"))) {
            try (AppProcess app = start(artifact, placement.getValue())) {
                URI infer = app.baseUri().resolve("/v2/models/" + MODEL + "/infer");
                String where = placement.getKey();
                wrk(one, infer, 16, SECONDS);
                row(where, "1 row", 1, 64, wrk(one, infer, 64, SECONDS));
                row(where, "100 rows", 100, 16, wrk(hundred, infer, 16, SECONDS));
                row(where, "1,000 rows", 1_000, 4, wrk(thousand, infer, 4, SECONDS));
                CompletableFuture<String> batches = CompletableFuture.supplyAsync(() -> wrk(thousand, infer, 2, SECONDS));
                row(where, "1 row, beside 1,000-row batches", 1, 16, wrk(one, infer, 16, SECONDS - 2));
                batches.join();
            }
        }
        try (AppProcess app = start(artifact, null)) {
            URI infer = app.baseUri().resolve("/v2/models/" + MODEL + "/infer");
            wrk(one, infer, 16, SECONDS);
            double peak = 0;
            for (int connections : List.of(16, 32, 64, 128)) {
                String output = wrk(one, infer, connections, SECONDS);
                row("default", "1 row, peak search", 1, connections, output);
                peak = Math.max(peak, rate(output));
            }
            // wrk has no arrival rate: each connection waits between its requests so that together they send half
            // of the peak (a stall still delays that connection's next request: the tail is, if anything, too low)
            int connections = 64;
            double pause = connections * 1000.0 / (peak / 2);
            String half = wrk(paced(one, pause), infer, connections, HALF_PEAK_SECONDS);
            System.out.printf("%npeak %.0f requests/s; half of it (%d connections, %.2f ms between requests): "
                            + "%.0f requests/s, latency %s%n", peak, connections, pause, rate(half), percentiles(half));
        }
    }

    private AppProcess start(Path artifact, String eventLoopMaxBody) {
        Map<String, String> config = new HashMap<>(TestDatabase.shared().quarkusConfig());
        config.put("flywheel.serving.model-files." + MODEL, artifact.toString());
        config.put("flywheel.deployments.enabled", "false");
        if (eventLoopMaxBody != null) {
            config.put("flywheel.serving.event-loop-max-body", eventLoopMaxBody);
        }
        return AppProcess.start("inference-app", JAR, AppProcess.freePort(), config, work.resolve("inference-app.log"),
                Duration.ofMinutes(3));
    }

    /** A wrk script that POSTs one request body of this many Lending Club rows. */
    private Path script(String name, int rows) throws IOException {
        Path body = work.resolve(name + ".json");
        Files.writeString(body, request(rows));
        Path script = work.resolve(name + ".lua");
        Files.writeString(script, """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                local file = io.open("%s", "r")
                wrk.body = file:read("*all")
                file:close()
                """.formatted(body) + MORE_PERCENTILES);
        return script;
    }

    private String request(int rows) {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode inputs = request.putArray("inputs");
        for (Feature feature : schema.features()) {
            boolean numeric = feature.type() == ColumnType.NUMERIC;
            ObjectNode input = inputs.addObject().put("name", feature.name()).put("datatype", numeric ? "FP64" : "BYTES");
            input.putArray("shape").add(rows);
            ArrayNode data = input.putArray("data");
            for (int row = 0; row < rows; row++) {
                if (numeric && !table.numeric(feature.name()).isMissing(row)) {
                    data.add(table.numeric(feature.name()).value(row));
                } else if (numeric) {
                    data.addNull();
                } else {
                    data.add(table.categorical(feature.name()).value(row));
                }
            }
        }
        return request.toString();
    }

    private static String wrk(Path script, URI url, int connections, int seconds) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "--latency", "-s", script.toString(), url.toString()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("wrk failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("wrk is needed (apt-get install -y wrk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void row(String placement, String request, int rows, int connections, String wrk) {
        double rate = rate(wrk);
        Matcher errors = ERRORS.matcher(wrk);
        System.out.printf("| %s | %s | %d | %,.0f | %,.0f | %s | %s | %s |%n", placement, request, connections, rate,
                rate * rows, percentile(wrk, "50%"), percentile(wrk, "99%"), errors.find() ? errors.group(1) : "0");
    }

    private static double rate(String wrk) {
        Matcher rate = RATE.matcher(wrk);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output:\n" + wrk);
        }
        return Double.parseDouble(rate.group(1));
    }

    private static String percentiles(String wrk) {
        Matcher more = Pattern.compile("p95us (\\d+) p999us (\\d+)").matcher(wrk);
        String extra = more.find() ? String.format(" p95 %.2fms p99.9 %.2fms", Long.parseLong(more.group(1)) / 1e3,
                Long.parseLong(more.group(2)) / 1e3) : "";
        return "p50 " + percentile(wrk, "50%") + " p90 " + percentile(wrk, "90%") + extra + " p99 "
                + percentile(wrk, "99%");
    }

    private static String percentile(String wrk, String which) {
        Matcher line = Pattern.compile("^\\s+" + which + "\\s+(\\S+)", Pattern.MULTILINE).matcher(wrk);
        return line.find() ? line.group(1) : "?";
    }

    /** The same requests, each connection pausing between them. */
    private Path paced(Path script, double pauseMillis) throws IOException {
        Path paced = work.resolve("paced-" + script.getFileName());
        Files.writeString(paced, Files.readString(script) + PACING.formatted(pauseMillis));
        return paced;
    }
}
