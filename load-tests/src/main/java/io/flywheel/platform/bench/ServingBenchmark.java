package io.flywheel.platform.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flywheel.loadtest.LoopbackRunner;
import io.flywheel.loadtest.RunReport;
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
 * prediction log writes every row), and drives it with wrk on the same machine: where scoring runs (event loop vs the
 * scoring pool) for one row and batches of 100 and 1,000 rows, one-row latency while 1,000-row batches run, the
 * one-row peak, and — with the loopback runner, which keeps a constant arrival rate and times requests from when they
 * were due — latency percentiles at half of that peak.
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
        for (String placement : List.of("event loop", "scoring pool")) {
            // 4M puts every body on the event loop; 0 sends every request to the scoring pool
            try (AppProcess app = start(artifact, placement.equals("event loop") ? "4M" : "0")) {
                URI infer = app.baseUri().resolve("/v2/models/" + MODEL + "/infer");
                wrk(one, infer, 16, SECONDS);
                row(placement, "1 row", 1, 64, wrk(one, infer, 64, SECONDS));
                row(placement, "100 rows", 100, 16, wrk(hundred, infer, 16, SECONDS));
                row(placement, "1,000 rows", 1_000, 4, wrk(thousand, infer, 4, SECONDS));
                CompletableFuture<String> batches = CompletableFuture.supplyAsync(() -> wrk(thousand, infer, 2, SECONDS));
                row(placement, "1 row, beside 1,000-row batches", 1, 16, wrk(one, infer, 16, SECONDS - 2));
                batches.join();
            }
        }
        try (AppProcess app = start(artifact, null)) {
            URI infer = app.baseUri().resolve("/v2/models/" + MODEL + "/infer");
            wrk(one, infer, 16, SECONDS);
            double peak = 0;
            for (int connections : List.of(32, 64, 128)) {
                String output = wrk(one, infer, connections, SECONDS);
                row("default", "1 row, peak search", 1, connections, output);
                peak = Math.max(peak, rate(output));
            }
            System.out.printf("%npeak: %.0f requests/s; half of it for %d s with the loopback runner:%n%n", peak,
                    HALF_PEAK_SECONDS);
            RunReport report = LoopbackRunner.run(new LoopbackRunner.Options(halfPeakScenario(peak / 2), "half-peak",
                    app.baseUri(), List.of(), Map.of(), null));
            System.out.println(report.summary());
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
                """.formatted(body));
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

    private static String percentile(String wrk, String which) {
        Matcher line = Pattern.compile("^\\s+" + which + "\\s+(\\S+)", Pattern.MULTILINE).matcher(wrk);
        return line.find() ? line.group(1) : "?";
    }

    /** A scenario file for the loopback runner: 15 s of warm-up, then one-row requests at the rate for the run. */
    private Path halfPeakScenario(double rate) throws IOException {
        ObjectNode file = JSON.createObjectNode();
        file.putObject("variables");
        ObjectNode infer = file.putObject("requests").putObject("infer").put("method", "POST")
                .put("path", "/v2/models/" + MODEL + "/infer");
        infer.set("body", JSON.readTree(request(1)));
        infer.putObject("check").put("status", 200).put("field", "outputs");
        file.putObject("thresholds").putArray("http_req_failed").add("rate<0.01");
        ObjectNode scenarios = file.putObject("profiles").putObject("half-peak").putObject("scenarios");
        scenarios.putObject("warmup-infer").put("request", "infer").put("executor", "constant-arrival-rate")
                .put("rate", Math.round(rate)).put("timeUnit", "1s").put("duration", "15s")
                .put("preAllocatedVUs", 64).put("maxVUs", 512);
        scenarios.putObject("infer").put("request", "infer").put("executor", "constant-arrival-rate")
                .put("rate", Math.round(rate)).put("timeUnit", "1s").put("duration", HALF_PEAK_SECONDS + "s")
                .put("startTime", "15s").put("preAllocatedVUs", 64).put("maxVUs", 512);
        Path path = work.resolve("half-peak.json");
        JSON.writeValue(path.toFile(), file);
        return path;
    }
}
