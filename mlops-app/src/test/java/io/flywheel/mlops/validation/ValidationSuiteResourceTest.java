package io.flywheel.mlops.validation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.flywheel.mlops.DatabaseTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class ValidationSuiteResourceTest {

    private static final String RULES = "{\"rules\":[{\"rule\":\"min-rows\",\"min\":3},"
            + "{\"rule\":\"numeric-range\",\"column\":\"x\",\"min\":0,\"max\":10,\"maxOutsideRate\":0},"
            + "{\"rule\":\"max-null-rate\",\"column\":null,\"maxRate\":0.1}]}";

    @Test
    void eachPublishIsANewVersionAndOldVersionsStayReadable() {
        given().contentType("application/json").body(RULES).when().post("/api/validation-suites/credit").then()
                .statusCode(201).header("Location", containsString("/api/validation-suites/credit/versions/1"))
                .body("version", equalTo(1)).body("rules[1].rule", equalTo("numeric-range"));
        given().contentType("application/json").body(RULES.replace("\"min\":3", "\"min\":5")).when()
                .post("/api/validation-suites/credit").then().statusCode(201).body("version", equalTo(2));

        given().when().get("/api/validation-suites/credit").then().statusCode(200)
                .body("version", equalTo(java.util.List.of(2, 1)));
        given().when().get("/api/validation-suites/credit/versions/1").then().statusCode(200)
                .body("rules[0].min", equalTo(3));
        given().when().get("/api/validation-suites").then().statusCode(200)
                .body("find { it.name == 'credit' }.version", equalTo(2));
    }

    @Test
    void badSuitesAndUnknownSuitesGetProblems() {
        given().contentType("application/json").body("{\"rules\":[{\"rule\":\"no-such-rule\"}]}").when()
                .post("/api/validation-suites/bad").then().log().ifValidationFails().statusCode(422).contentType("application/problem+json");
        given().contentType("application/json").body("{\"rules\":[{\"rule\":\"max-null-rate\",\"maxRate\":2}]}")
                .when().post("/api/validation-suites/bad").then().statusCode(422)
                .body("detail", containsString("within [0, 1]"));
        given().contentType("application/json").body("{\"rules\":[]}").when().post("/api/validation-suites/bad")
                .then().statusCode(422).body("errors.field", hasItem("rules"));
        given().contentType("application/json").body("{\"rules\": [").when().post("/api/validation-suites/bad")
                .then().statusCode(400);
        given().when().get("/api/validation-suites/none").then().statusCode(404);
        given().when().get("/api/validation-suites/credit-x/versions/9").then().statusCode(404);
    }
}
