package io.flywheel.inference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The packaged artifact (the jar here; the native executable under {@code -Dnative} where GraalVM/Mandrel exists),
 * started by Quarkus against the real PostgreSQL of the test kit: what Kubernetes and clients rely on.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(DatabaseTestResource.class)
class PackagedInferenceAppIT {

    /** Readiness waits for the embedding model (seconds on a busy machine); Kubernetes keeps probing, so do we. */
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    @Test
    void answersTheProbesKubernetesCallsAndExposesMetrics() throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (given().when().get("/q/health/ready").statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        for (String probe : new String[] {"/q/health/started", "/q/health/live", "/q/health/ready"}) {
            given().when().get(probe).then().statusCode(200).body("status", equalTo("UP"));
        }
        given().when().get("/v2/models/no-such-model").then().statusCode(404); // some traffic to count
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void describesItsApiAndAnswersUnknownPathsWithAProblem() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Flywheel inference-app"));
        given().when().post("/v2/models/no-such-model/explain").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }
}
