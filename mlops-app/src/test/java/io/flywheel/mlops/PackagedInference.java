package io.flywheel.mlops;

import static io.restassured.RestAssured.given;

import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** inference-app's packaged jar, started as an inference pod of the mlops-app under test, for the tests of both. */
public final class PackagedInference {

    public static final Path JAR = Path.of("..", "inference-app", "target", "quarkus-app", "quarkus-run.jar");
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private PackagedInference() {
    }

    /** The app on the test database and this port, asking {@code mlops} what to serve every second, ready. */
    public static AppProcess start(String logName, int port, URI mlops) {
        Map<String, String> config = new HashMap<>(TestDatabase.shared().quarkusConfig());
        config.put("flywheel.mlops.url", mlops.toString().replaceAll("/+$", ""));
        config.put("flywheel.deployments.poll-interval", "1s");
        return AppProcess.start("inference-app", JAR, port, config, Path.of("target", "it-logs", logName + ".log"),
                READY_WITHIN);
    }

    /** The versions of the model the pod serves now (stable first, then a canary). */
    public static List<String> servedVersions(AppProcess inference, String model) {
        return given().baseUri(inference.baseUri().toString()).when().get("/v2/models/" + model).jsonPath()
                .getList("versions", String.class);
    }
}
