package io.flywheel.mlops.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.mlops.Eventually;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatabase;
import io.flywheel.testing.TestDatasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged mlops-app killed (SIGKILL) in the middle of a retrain: after a restart the run is failed, the job's
 * lock is free, no version was half-registered, and a new run succeeds.
 */
class RetrainCrashIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration DEADLINE = Duration.ofMinutes(6);
    private static final String DATASET = "crash-club";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRetrainKilledHalfwayIsFailedAfterRestartItsLockIsFreeAndTheNextRunSucceeds() {
        int port = AppProcess.freePort();
        // big forests, so that the kill lands inside training
        AppProcess first = start(port, "mlops-crash-1", Map.of("flywheel.training.random-forest.trees", "2000",
                "flywheel.training.gradient-boosted-trees.trees", "3000"));
        String runId;
        try {
            int uploaded = send(first.baseUri(), "POST", "/api/datasets?name=" + DATASET + "&label=Class", "text/csv",
                    TestDatasets.bytes("lending_club.csv")).statusCode();
            assertThat(uploaded).isEqualTo(201);
            runId = startRetrain(first.baseUri());
            Eventually.until(() -> run(first.baseUri(), runId),
                    run -> run.path("progress").path("fitsDone").asInt() >= 1, DEADLINE, "the first fit to finish");
        } finally {
            first.kill();
        }

        // small models now: what matters is that a run can take the lock and register
        AppProcess second = start(port, "mlops-crash-2", Map.of("flywheel.training.random-forest.trees", "10",
                "flywheel.training.gradient-boosted-trees.trees", "10", "flywheel.training.logistic-regression.epochs",
                "1"));
        try {
            JsonNode killed = run(second.baseUri(), runId);
            assertThat(killed.path("status").asText()).as(killed.toString()).isEqualTo("failed");
            assertThat(versions(second.baseUri())).isZero();

            String next = startRetrain(second.baseUri());
            JsonNode done = Eventually.until(() -> run(second.baseUri(), next),
                    run -> !run.path("status").asText().matches("queued|running"), DEADLINE, "the new run to end");
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
            assertThat(versions(second.baseUri())).isEqualTo(1);
        } finally {
            second.stop();
        }
    }

    private static AppProcess start(int port, String name, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(TestDatabase.shared().quarkusConfig());
        config.putAll(settings);
        config.put("flywheel.jobs.progress-interval", "200ms");
        return AppProcess.start(name, JAR, port, config, Path.of("target", "it-logs", name + ".log"), START);
    }

    /** Starts a retrain; 202 means the job's lock was free. */
    private String startRetrain(URI base) {
        HttpResponse<String> started = send(base, "POST", "/api/jobs/retrain/runs", "application/json",
                "{\"parameters\":{\"dataset\":\"crash-club\"}}".getBytes());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return json(started.body()).path("id").asText();
    }

    private JsonNode run(URI base, String id) {
        return json(send(base, "GET", "/api/jobs/runs/" + id, null, null).body());
    }

    private int versions(URI base) {
        HttpResponse<String> response = send(base, "GET", "/api/models/" + DATASET + "/versions", null, null);
        return response.statusCode() == 404 ? 0 : json(response.body()).size();
    }

    private HttpResponse<String> send(URI base, String method, String path, String type, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(1))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
