package io.flywheel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.testing.AppProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The running platform driven over HTTP the way a user drives it: upload a dataset, run the retrain and evaluate jobs,
 * promote, and wait until inference-app serves the version. Generous deadlines: the build machine is shared.
 */
final class PlatformClient {

    static final Duration READY_DEADLINE = Duration.ofMinutes(5);
    static final Duration JOB_DEADLINE = Duration.ofMinutes(8);
    static final Duration SERVED_DEADLINE = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI mlops;
    private final URI inference;

    /**
     * Starts the local platform for a test, in a fresh home on free ports: mlops-app trains logistic regression only
     * (quick), inference-app polls deployments every half second, and each app gets minutes to become ready.
     */
    static LocalPlatform startForTest(LocalPlatformConfig config) {
        LocalPlatform platform = new LocalPlatform(config, READY_DEADLINE);
        platform.up(Map.of("flywheel.training.algorithms", "logistic-regression"),
                Map.of("flywheel.deployments.poll-interval", "500ms"));
        return platform;
    }

    /** A configuration in a fresh temporary home, on free ports. */
    static LocalPlatformConfig freshConfig(Path root, String home) throws IOException {
        return new LocalPlatformConfig(root, Files.createTempDirectory(home), AppProcess.freePort(),
                AppProcess.freePort(), AppProcess.freePort());
    }

    PlatformClient(LocalPlatformConfig config) {
        this(config.mlopsPort(), config.inferencePort());
    }

    PlatformClient(int mlopsPort, int inferencePort) {
        this.mlops = URI.create("http://127.0.0.1:" + mlopsPort);
        this.inference = URI.create("http://127.0.0.1:" + inferencePort);
    }

    /**
     * Uploads the CSV as a new snapshot of the dataset, retrains it, evaluates the new version, promotes it to
     * Production and waits until inference-app answers with it; the version.
     */
    int trainEvaluateAndPromote(String dataset, String label, byte[] csv) {
        JsonNode snapshot = send(mlops, "POST", "/api/datasets?name=" + dataset + "&label=" + label, "text/csv",
                csv, 201);
        assertThat(snapshot.path("validation").path("passed").asBoolean()).as(snapshot.toString()).isTrue();
        JsonNode retrain = runJob("retrain", Map.of("dataset", dataset));
        int version = retrain.path("outputs").path("version").asInt();
        JsonNode evaluate = runJob("evaluate", Map.of("model", dataset, "version", String.valueOf(version)));
        assertThat(evaluate.path("status").asText()).as(evaluate.toString()).isEqualTo("succeeded");
        postJson(mlops, "/api/models/" + dataset + "/versions/" + version + "/stage",
                Map.of("stage", "Production", "reason", "passed the gates"), 200);
        awaitServed(dataset, version);
        return version;
    }

    /** Starts a job over the API and waits for its run to succeed; the run's record. */
    JsonNode runJob(String job, Map<String, String> parameters) {
        String id = postJson(mlops, "/api/jobs/" + job + "/runs", Map.of("parameters", parameters), 202)
                .path("id").asText();
        JsonNode run = until(() -> get(mlops, "/api/jobs/runs/" + id),
                r -> r.path("status").asText().matches("succeeded|failed"), JOB_DEADLINE, job + " run " + id);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        return run;
    }

    /** Waits until inference-app's metadata of the model names this version (polling its deployment sync). */
    void awaitServed(String model, int version) {
        until(() -> getOrNull(inference, "/v2/models/" + model),
                metadata -> metadata != null && metadata.path("versions").toString().contains("\"" + version + "\""),
                SERVED_DEADLINE, model + " v" + version + " served by inference-app");
    }

    /**
     * Waits until inference-app answers the assistant with what a fresh platform seeds at its first start (the
     * knowledge bootstrap: an index and an assistant configuration of the registry, not the built-in default).
     */
    void awaitSeededAssistant(String assistant) {
        until(() -> chatOrNull(assistant), answer -> answer != null
                        && !answer.path("flywheel").path("config_version").asText("default").equals("default")
                        && answer.path("flywheel").hasNonNull("index"),
                JOB_DEADLINE, assistant + " answering from the seeded knowledge base");
    }

    private JsonNode chatOrNull(String assistant) {
        try {
            HttpResponse<byte[]> response = request(inference, "POST", "/v1/chat/completions", "application/json",
                    json.writeValueAsBytes(Map.of("model", assistant, "max_tokens", 16,
                            "messages", List.of(Map.of("role", "user", "content", "What is a list?")))), -1);
            return response.statusCode() == 200 ? read(response.body()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] artifact(String model, int version) {
        return request(mlops, "GET", "/api/models/" + model + "/versions/" + version + "/artifact", null, null, 200)
                .body();
    }

    JsonNode postJson(URI base, String path, Object body, int expected) {
        try {
            return send(base, "POST", path, "application/json", json.writeValueAsBytes(body), expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode get(URI base, String path) {
        return send(base, "GET", path, null, null, 200);
    }

    URI mlops() {
        return mlops;
    }

    URI inference() {
        return inference;
    }

    private JsonNode getOrNull(URI base, String path) {
        HttpResponse<byte[]> response = request(base, "GET", path, null, null, -1);
        return response.statusCode() == 200 ? read(response.body()) : null;
    }

    private JsonNode send(URI base, String method, String path, String type, byte[] body, int expected) {
        return read(request(base, method, path, type, body, expected).body());
    }

    private HttpResponse<byte[]> request(URI base, String method, String path, String type, byte[] body,
                                         int expected) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            builder.header("Content-Type", type);
        }
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (expected > 0) {
                assertThat(response.statusCode()).as(method + " " + path + ": " + new String(response.body(),
                        java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(expected);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private JsonNode read(byte[] body) {
        try {
            return body.length == 0 ? json.nullNode() : json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(body, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    private static <T> T until(java.util.function.Supplier<T> probe, Predicate<T> done, Duration within,
                               String what) {
        Instant deadline = Instant.now().plus(within);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + within + " for " + what + "; last: " + last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            last = probe.get();
        }
        return last;
    }
}
