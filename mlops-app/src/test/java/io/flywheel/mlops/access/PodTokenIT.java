package io.flywheel.mlops.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With mlops-app's access on, a real inference pod (the packaged jar) reads the published keys with the pods' token,
 * and so serves a key made a moment ago in mlops-app.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@TestProfile(AccessEnabledProfile.class)
class PodTokenIT {

    private static final Path INFERENCE_JAR = Path.of("..", "inference-app", "target", "quarkus-app",
            "quarkus-run.jar");
    private static final Duration SYNC = Duration.ofMinutes(2);

    @TestHTTPResource("/")
    URI mlops;

    @Test
    void aPodWithThePodTokenSynchronisesKeysFromAnAccessControlledMlopsApp() throws Exception {
        String key = given().auth().oauth2(AccessEnabledProfile.BOOTSTRAP_KEY).contentType("application/json")
                .body("{\"name\":\"pod-it-" + System.nanoTime() + "\",\"role\":\"viewer\"}")
                .when().post("/api/keys").then().statusCode(201).extract().path("key");
        Map<String, String> config = new HashMap<>(TestDatabase.shared().quarkusConfig());
        config.put("flywheel.access.enabled", "true");
        config.put("flywheel.mlops.url", "http://127.0.0.1:" + mlops.getPort());
        config.put("flywheel.access.sync-interval", "1s");
        config.put("flywheel.access.pod-token", AccessEnabledProfile.POD_TOKEN);

        try (AppProcess pod = AppProcess.start("inference-pod-token", INFERENCE_JAR, AppProcess.freePort(), config,
                Path.of("target", "it-logs", "inference-pod-token.log"), Duration.ofSeconds(180))) {
            assertThat(statusWithin(pod, key, 200)).isEqualTo(200);
            assertThat(pod.logTail()).doesNotContain(AccessEnabledProfile.POD_TOKEN);
        }
    }

    /** Asks the pod's model list with the key until it answers the status (the keys arrive with the next sync). */
    private static int statusWithin(AppProcess pod, String key, int wanted) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(SYNC);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(pod.baseUri().resolve("/v1/models"))
                    .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            last = response.statusCode();
            if (last == wanted) {
                return last;
            }
            Thread.sleep(500);
        }
        return last;
    }
}
