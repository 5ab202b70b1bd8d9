package io.flywheel.mlops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The packaged artifact (the jar here; the native executable under {@code -Dnative} where GraalVM/Mandrel exists),
 * started by Quarkus against the real PostgreSQL of the test kit (a database of its own: {@link OwnDatabaseProfile}),
 * after Flyway migrated its schema at start.
 */
@QuarkusIntegrationTest
@TestProfile(OwnDatabaseProfile.class)
class PackagedMlopsAppIT {

    @Test
    void isReadyOnlyWithItsDatabaseAndAnswersEveryProbe() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(containsString("PostgreSQL")));
        given().when().get("/q/health/started").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void servesPrometheusMetricsAndItsOpenApiAndProblemsForUnknownPaths() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Flywheel mlops-app"));
        given().when().get("/api/no-such-resource").then().statusCode(404).contentType("application/problem+json");
    }
}
