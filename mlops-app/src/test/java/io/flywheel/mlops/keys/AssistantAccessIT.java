package io.flywheel.mlops.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys made in this mlops-app, enforced by two real inference-app pods (the packaged jar, twice) on the same
 * database: authentication, revocation, the rate limit, the per-request token cap, and a daily token budget spent
 * on one pod that the other pod honours.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class AssistantAccessIT {

    private static final Path INFERENCE_JAR = Path.of("..", "inference-app", "target", "quarkus-app",
            "quarkus-run.jar");
    private static final Duration SYNC = Duration.ofMillis(500);
    private static final String QUESTION = "{\"messages\":[{\"role\":\"user\",\"content\":\"How do I sort a list?\"}],"
            + "\"max_tokens\":%d}";

    private static AppProcess podA;
    private static AppProcess podB;
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI mlops;

    @BeforeEach
    void twoInferencePods() {
        if (podA == null) {
            podA = pod("inference-a");
            podB = pod("inference-b");
        }
    }

    @AfterAll
    static void stopPods() {
        if (podA != null) {
            podA.stop();
            podB.stop();
        }
    }

    @Test
    void onlyALiveKeyOpensTheAssistantAndRevocationClosesItWithinOneSync() throws Exception {
        Map<String, String> key = createKey("it-auth", 0, 0, 0);
        awaitStatus(podA, key.get("key"), 200);
        // no LLM provider is configured: the assistant answers from retrieval alone and says so
        assertThat(ask(podA, key.get("key"), 64).body()).contains("extractive mode");

        assertThat(ask(podA, null, 64).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = ask(podA, "fw_" + "x".repeat(43), 64);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).contains("application/problem+json"));

        given().when().delete("/api/keys/" + key.get("id")).then().statusCode(200);
        awaitStatus(podA, key.get("key"), 401);
        awaitStatus(podB, key.get("key"), 401);
    }

    @Test
    void aKeyOverItsRequestRateGets429WithRetryAfter() throws Exception {
        Map<String, String> key = createKey("it-rate", 1, 0, 0);
        awaitStatus(podA, key.get("key"), 200);

        HttpResponse<String> limited = null;
        for (int i = 0; i < 5 && limited == null; i++) {
            HttpResponse<String> response = ask(podA, key.get("key"), 64);
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("one of five immediate requests is over 1 request per second").isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("urn:flywheel:problem:rate-limited");
    }

    @Test
    void askingForMoreTokensThanTheKeyAllowsIsA422NamingMaxTokens() throws Exception {
        Map<String, String> key = createKey("it-max-tokens", 0, 0, 50);
        awaitStatus(podA, key.get("key"), 200);

        HttpResponse<String> response = ask(podA, key.get("key"), 100);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("\"field\":\"max_tokens\"");
    }

    @Test
    void aDailyBudgetSpentOnOnePodIsRefusedOnTheOther() throws Exception {
        Map<String, String> key = createKey("it-budget", 0, 1_000, 0);
        awaitStatus(podA, key.get("key"), 200);

        int answered = 1;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 50 && refused == null; i++) {
            HttpResponse<String> response = ask(podA, key.get("key"), 100);
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                answered++;
            }
        }
        assertThat(refused).as("pod A runs out of the 1,000-token budget").isNotNull();
        assertThat(answered).isGreaterThan(1);
        assertThat(refused.body()).contains("daily token budget");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        HttpResponse<String> onB = ask(podB, key.get("key"), 100);
        assertThat(onB.statusCode()).as("pod B sees what pod A spent").isEqualTo(429);
        assertThat(onB.body()).contains("daily token budget");
    }

    private Map<String, String> createKey(String name, double rps, long budget, int maxTokens) {
        var created = given().contentType("application/json")
                .body("{\"name\":\"" + name + "\",\"role\":\"viewer\",\"requests_per_second\":" + rps
                        + ",\"daily_token_budget\":" + budget + ",\"max_tokens_per_request\":" + maxTokens + "}")
                .when().post("/api/keys").then().statusCode(201).extract();
        return Map.of("key", created.path("key"), "id", created.path("details.id"));
    }

    private HttpResponse<String> ask(AppProcess pod, String key, int maxTokens) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(pod.baseUri().resolve("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(QUESTION.formatted(maxTokens)));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the pod has synchronised the keys and answers the key with the status. */
    private void awaitStatus(AppProcess pod, String key, int status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = ask(pod, key, 16).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(SYNC.toMillis() / 2);
        }
        throw new AssertionError(pod.name() + " answered " + last + ", not " + status + ", within 20 s");
    }

    private AppProcess pod(String name) {
        Map<String, String> config = new HashMap<>(TestDatabase.shared().quarkusConfig());
        config.put("flywheel.access.enabled", "true");
        config.put("flywheel.mlops.url", "http://127.0.0.1:" + mlops.getPort());
        config.put("flywheel.access.sync-interval", "1s");
        config.put("flywheel.access.lease-tokens", "150");
        return AppProcess.start(name, INFERENCE_JAR, AppProcess.freePort(), config,
                Path.of("target", "it-logs", name + ".log"), Duration.ofSeconds(120));
    }
}
