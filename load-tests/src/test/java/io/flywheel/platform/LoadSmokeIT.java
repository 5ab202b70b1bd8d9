package io.flywheel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.loadtest.LoopbackRunner;
import io.flywheel.loadtest.RunReport;
import io.flywheel.testing.TestDatasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CI's load smoke: the whole local platform (embedded PostgreSQL and both packaged apps, as {@code ./flywheel up}
 * runs them) under the smoke profile and the short ci-load profile of load-tests/k6/scenarios.json, driven by the
 * loopback runner: smoke's chat and feedback in one run (as k6 runs a profile) and its infer alone, ci-load once per
 * scenario. Each scenario's thresholds are judged on its own requests; a crossed threshold fails the build — errors
 * and checks always, latency bounds when they are above what the runner measures for a no-op request on this machine
 * (below that it cannot resolve them; they are printed), and the infer bounds always on inference-app's own latency
 * histogram, whose buckets sit at those bounds. The scenario model is trained, evaluated and promoted through
 * mlops-app first, as a user deploys one. A path the platform does not serve yet is reported as skipped ("pending"),
 * never as passed.
 */
class LoadSmokeIT {

    private static final Path ROOT = Path.of(System.getProperty("flywheel.root", "..")).toAbsolutePath().normalize();
    private static final Path SCENARIOS = ROOT.resolve("load-tests/k6/scenarios.json");
    /** The model of load-tests/k6/scenarios.json ({{model}}). */
    private static final String MODEL = "lending-club";
    /** The assistant of load-tests/k6/scenarios.json ({{assistant}}), seeded by a fresh platform. */
    private static final String ASSISTANT = "assistant";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static LocalPlatform platform;
    private static LocalPlatformConfig config;
    /** The runner's own p99 for a request that costs the server nothing, on the platform at rest. */
    private static double floor;
    /**
     * The smoke profile's scenarios that share one run, as k6 runs a profile; each test judges its own. Not infer: its
     * bounds (3 and 5 ms on inference-app's own histogram) need the machine to themselves — with chat's embeddings
     * beside it, 2 of 3 runs on a busy 2-core machine missed them.
     */
    private static final List<String> SMOKE_TOGETHER = List.of("chat", "feedback");
    private static RunReport smoke;

    @BeforeAll
    static void startThePlatformDeployTheScenarioModelAndRunTheSmokeProfile() throws Exception {
        config = PlatformClient.freshConfig(ROOT, "flywheel-load-smoke");
        platform = PlatformClient.startForTest(config);
        deployTheScenarioModel();
        // a fresh platform seeds its knowledge base in the background: the chat scenario needs the seeded assistant,
        // and a floor measured during that CPU-heavy work would leave every latency bound unjudged
        new PlatformClient(config).awaitSeededAssistant(ASSISTANT);
        smoke = LoopbackRunner.run(options("smoke", SMOKE_TOGETHER));
        System.out.println(smoke.summary());
        floor = runnerFloorMillis();
    }

    /**
     * The scenario file's model, deployed as a user deploys it: the real Lending Club rows uploaded to mlops-app,
     * retrained (logistic regression only, to keep CI quick), evaluated and promoted; inference-app picks it up from
     * the deployments endpoint. A platform that cannot do this fails here, before any load is sent.
     */
    private static void deployTheScenarioModel() {
        int version = new PlatformClient(config).trainEvaluateAndPromote(MODEL, "Class", TestDatasets.bytes("lending_club.csv"));
        System.out.printf("%s v%d deployed through mlops-app and served by inference-app%n", MODEL, version);
    }

    @AfterAll
    static void stopThePlatform() {
        if (platform != null) {
            platform.stop();
        }
    }

    @Test
    void chatMeetsItsThresholdsUnderSmokeAndShortLoad() throws Exception {
        requireServed(config.inferencePort(), "/v1/chat/completions", "the assistant (issue 6)");
        judgeSmoke("chat");
        runAlone("ci-load", "chat");
    }

    @Test
    void inferMeetsItsThresholdsUnderSmokeAndShortLoad() throws Exception {
        requireServed(config.inferencePort(), "/v2/models/{name}/infer", "serving (issue 4)");
        requireModelReady();
        runAlone("smoke", "infer");
        runAlone("ci-load", "infer");
    }

    @Test
    void feedbackMeetsItsThresholdsUnderSmokeAndShortLoad() throws Exception {
        requireServed(config.inferencePort(), "/v1/feedback", "serving (issue 4)");
        requireServed(config.inferencePort(), "/v2/models/{name}/infer", "serving (issue 4): feedback needs predictions");
        requireModelReady();
        judgeSmoke("feedback");
        runAlone("ci-load", "feedback");
    }

    /** The scenario's thresholds on its own part of the shared smoke run: its requests and its warm-up's alone. */
    private static void judgeSmoke(String scenario) {
        judge(smoke.only(LoopbackRunner.scenariosRunWith(SCENARIOS, "smoke", scenario)), scenario);
    }

    /** One scenario of a profile on a machine to itself: ci-load's latency judgements (and smoke's of infer) need it. */
    private static void runAlone(String profile, String scenario) throws Exception {
        CompletableFuture<ServedLatency> atStart = scenario.equals("infer") ? servedLatencyWhen(profile, scenario)
                : null;
        RunReport report = LoopbackRunner.run(options(profile, List.of(scenario)));
        System.out.println(report.summary());
        if (atStart != null) {
            judgeServedLatency(profile, report, atStart.get(), servedLatency());
        }
        judge(report, scenario);
    }

    private static void judge(RunReport report, String scenario) {
        List<String> unjudged = report.belowResolution(floor);
        if (!unjudged.isEmpty()) {
            System.out.printf("  %s: not judged here: %s (the runner's own p99 on this machine is %.1f ms)%n",
                    report.profile(), unjudged, floor);
        }
        assertThat(report.requests(scenario)).as(report.profile() + " sent requests").isPositive();
        assertThat(report.passedAtResolution(floor)).as("thresholds of %s/%s:%n%s", report.profile(), scenario,
                report.summary()).isTrue();
    }

    /** The served-latency reading taken when the measured scenario starts, after its warm-up. */
    private static CompletableFuture<ServedLatency> servedLatencyWhen(String profile, String scenario) {
        return CompletableFuture.supplyAsync(LoadSmokeIT::servedLatency, CompletableFuture.delayedExecutor(
                LoopbackRunner.startTimeOf(SCENARIOS, profile, scenario).toMillis(), TimeUnit.MILLISECONDS));
    }

    private static LoopbackRunner.Options options(String profile, List<String> scenarios) {
        return new LoopbackRunner.Options(SCENARIOS, profile, URI.create("http://127.0.0.1:" + config.inferencePort()
                + "/"), scenarios, Map.of(), null);
    }

    /**
     * The infer latency bounds judged on the server's own histogram, always: the share of the requests served during
     * the measured scenario within each bound must reach the bound's percentile ({@code p(99)<5}: 99% within 5 ms).
     */
    private static void judgeServedLatency(String profile, RunReport report, ServedLatency before, ServedLatency after) {
        assertThat(after.servedSince(before)).as("%s: requests inference-app measured", profile).isPositive();
        for (RunReport.LatencyBound bound : report.latencyBounds("infer")) {
            double share = after.shareWithin(before, bound.boundMillis());
            System.out.printf("  served by inference-app (%s): %.2f%% of %.0f requests within %s ms (needs %s%%)%n",
                    profile, share * 100, after.servedSince(before), bound.boundMillis(), bound.percentile());
            assertThat(share).as("%s, %s on inference-app's own latency histogram (no bucket at the bound: NaN)",
                    profile, bound.source()).isGreaterThanOrEqualTo(bound.percentile() / 100);
        }
    }

    private static ServedLatency servedLatency() {
        try {
            return ServedLatency.read(config.inferencePort(), MODEL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the runner measures for a request that costs the server nothing ({@code /q/health/live}), at the ci-load
     * rate: its own scheduling and the machine's contention. A latency bound below it cannot be judged with this
     * instrument here (on the shared 2-core CI machine it is milliseconds, above the infer targets); k6 on a load
     * machine of its own judges every threshold. Measured once, warm: after the smoke run and a warm-up of its own (a
     * cold runner measured seconds in its first run here, which would leave every latency bound unjudged).
     */
    private static double runnerFloorMillis() throws IOException {
        Path file = Files.createTempFile("runner-floor", ".json");
        Files.writeString(file, """
                {"variables": {}, "thresholds": {},
                 "requests": {"live": {"method": "GET", "path": "/q/health/live", "check": {"status": 200}}},
                 "profiles": {"floor": {"scenarios": {
                   "warmup-live": {"request": "live", "executor": "constant-arrival-rate",
                     "rate": 500, "timeUnit": "1s", "duration": "5s", "preAllocatedVUs": 8, "maxVUs": 32},
                   "live": {"request": "live", "executor": "constant-arrival-rate", "startTime": "5s",
                     "rate": 500, "timeUnit": "1s", "duration": "10s", "preAllocatedVUs": 8, "maxVUs": 32}}}}}
                """);
        RunReport report = LoopbackRunner.run(new LoopbackRunner.Options(file, "floor",
                URI.create("http://127.0.0.1:" + config.inferencePort() + "/"), List.of(), Map.of(), null));
        System.out.println(report.summary());
        return report.latencyMillis("live", 99);
    }

    /** Skips (as pending) unless the app's OpenAPI document lists the path. */
    private static void requireServed(int port, String path, String whoBringsIt) throws Exception {
        String openapi = get(port, "/q/openapi?format=json").body();
        Assumptions.assumeTrue(openapi.contains("\"" + path + "\""),
                "pending: inference-app does not serve " + path + " yet (" + whoBringsIt + ")");
    }

    /** The infer scenarios need the scenario file's model served. */
    private static void requireModelReady() throws Exception {
        HttpResponse<String> ready = get(config.inferencePort(), "/v2/models/" + MODEL + "/ready");
        assertThat(ready.statusCode()).as("model " + MODEL + " served: " + ready.body()).isEqualTo(200);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
