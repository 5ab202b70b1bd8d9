package io.flywheel.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a real local HTTP server that can stall or fail on purpose. */
class LoopbackRunnerTest {

    private static final String SCENARIOS = """
            {
              "variables": {"model": "m1", "label": "good"},
              "requests": {
                "infer": {"method": "POST", "path": "/v2/models/{{model}}/infer", "body": {"inputs": [{"name": "x", "data": [1]}]},
                          "check": {"status": 200, "field": "outputs"}},
                "feedback": {"method": "POST", "path": "/v1/feedback", "before": "infer", "capture": {"prediction_id": "outputs.#(name==\\"prediction_id\\").data.0"},
                             "body": {"prediction_id": "{{prediction_id}}", "label": "{{label}}"}, "check": {"status": 201}}
              },
              "thresholds": {"http_req_failed": ["rate<0.01"], "http_req_duration{scenario:infer}": ["p(99)<%s"]},
              "profiles": {
                "steady": {"scenarios": {
                  "infer": {"request": "infer", "executor": "constant-arrival-rate", "rate": %d, "timeUnit": "1s",
                            "duration": "%s", "preAllocatedVUs": 1, "maxVUs": %d}}},
                "feedback": {"scenarios": {
                  "feedback": {"request": "feedback", "executor": "constant-arrival-rate", "rate": 20, "timeUnit": "1s",
                               "duration": "1s", "maxVUs": 4}}}
              }
            }
            """;

    private final AtomicInteger answered = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> feedbackBodies = new ConcurrentLinkedQueue<>();
    private volatile int status = 200;
    private volatile long stallMillisOnce;
    private HttpServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sendsEveryScheduledRequestAndPassesWhenTheServerMeetsTheThresholds() throws IOException {
        start(4);

        RunReport report = LoopbackRunner.run(options(scenarios("250", 50, "1s", 8), "steady"));

        assertThat(report.requests("infer")).isEqualTo(50);
        assertThat(answered.get()).isEqualTo(50);
        assertThat(report.passed()).as(report.summary()).isTrue();
    }

    @Test
    void aServerStallIsChargedToEveryRequestItDelayedNotJustToTheOneItHeld() throws IOException {
        // One request is held 400 ms by a single-threaded server; at 100 req/s about 40 more are due meanwhile.
        start(1);
        stallMillisOnce = 400;

        RunReport report = LoopbackRunner.run(options(scenarios("100", 100, "2s", 64), "steady"));

        Measurements.Snapshot infer = report.scenarios().get("infer");
        assertThat(infer.requests()).isEqualTo(200);
        // Measured from the intended send time, the requests queued behind the stall carry its delay: far more than
        // the 1% that a closed-loop generator (timing from the actual send) would have shown as slow.
        long slow = infer.latencyMicros().getCountBetweenValues(200_000, Long.MAX_VALUE);
        assertThat(slow).isGreaterThanOrEqualTo(15);
        assertThat(report.passed()).as("p(99)<100 ms must be crossed").isFalse();
    }

    @Test
    void errorsCrossTheErrorRateThreshold() throws IOException {
        start(2);
        status = 500;

        RunReport report = LoopbackRunner.run(options(scenarios("250", 20, "1s", 4), "steady"));

        assertThat(report.passed()).isFalse();
        assertThat(report.summary()).contains("✗ http_req_failed rate<0.01");
    }

    @Test
    void feedbackSendsThePredictionIdThatTheInferAnswerCarried() throws IOException {
        start(2);

        RunReport report = LoopbackRunner.run(options(scenarios("250", 1, "1s", 1), "feedback"));

        assertThat(report.requests("feedback")).isEqualTo(40); // 20 iterations × (infer + feedback)
        assertThat(feedbackBodies).hasSize(20).allMatch(body -> body.matches(
                "\\{\"prediction_id\":\"p-\\d+\",\"label\":\"good\"}"));
        assertThat(report.passed()).as(report.summary()).isTrue();
    }

    @Test
    void onlyTheLoopbackInterfaceIsEverATarget() {
        assertThatThrownBy(() -> LoopbackRunner.requireLoopback(URI.create("http://192.0.2.10:8080/")))
                .hasMessageContaining("not on this machine's loopback interface");
        LoopbackRunner.requireLoopback(URI.create("http://localhost:8080/"));
        LoopbackRunner.requireLoopback(URI.create("http://127.0.0.1:8080/"));
    }

    private LoopbackRunner.Options options(Path file, String profile) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new LoopbackRunner.Options(file, profile, base, List.of(), Map.of(), null);
    }

    private Path scenarios(String p99Millis, int rate, String duration, int maxVUs) throws IOException {
        Path file = dir.resolve("scenarios.json");
        Files.writeString(file, SCENARIOS.formatted(p99Millis, rate, duration, maxVUs));
        return file;
    }

    private void start(int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/v2/models/m1/infer", exchange -> {
            long stall = stallMillisOnce;
            stallMillisOnce = 0;
            sleep(stall);
            int id = answered.incrementAndGet();
            answer(exchange, status, "{\"id\":\"load-test\",\"outputs\":[{\"name\":\"probability\",\"data\":[0.5]},"
                    + "{\"name\":\"prediction_id\",\"data\":[\"p-" + id + "\"]}]}");
        });
        server.createContext("/v1/feedback", exchange -> {
            feedbackBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, 201, "{}");
        });
        server.start();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
