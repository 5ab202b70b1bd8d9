package io.flywheel.inference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@QuarkusTestResource(FakeMlopsResource.class)
class PlatformEndpointsTest {

    @Test
    void isLiveAndReadyAndReportsTheDatabaseWithoutDependingOnIt() throws InterruptedException {
        awaitReady();
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("deployments"))
                .body("checks.find { it.name == 'prediction-log' }.data.database", equalTo("writing"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    // readiness waits for the embedding model, which loads in the background for a few seconds after start
    private static void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (given().when().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Flywheel inference-app"));
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() {
        given().contentType("application/json").body("{\"name\": ").when().post("/test-probe").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flywheel:problem:malformed-request"))
                .body("instance", equalTo("/test-probe"));
    }

    @Test
    void wellFormedJsonOfTheWrongShapeNamesTheField() {
        given().contentType("application/json").body("{\"name\": \"x\", \"count\": \"many\"}").when().post("/test-probe")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("count"));
    }

    @Test
    void unknownPathIsAProblem() {
        given().when().get("/no/such/thing").then().statusCode(404).contentType("application/problem+json");
    }
}
