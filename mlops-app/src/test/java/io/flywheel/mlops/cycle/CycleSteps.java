package io.flywheel.mlops.cycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.flywheel.mlops.Eventually;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;

/** What the cycle's @QuarkusTests do and wait for over the app's HTTP API: a retrain, the cycle's evaluation. */
final class CycleSteps {

    static final Duration WITHIN = Duration.ofMinutes(6);

    private CycleSteps() {
    }

    /** Uploads the CSV as a snapshot of the model's dataset and retrains the model on it; the version registered. */
    static int retrainOn(String model, String csv) {
        given().contentType("text/csv").body(csv).when().post("/api/datasets?name=" + model
                        + "&label=Class&positive_class=bad")
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
        String id = given().contentType("application/json").body("{\"parameters\":{\"dataset\":\"" + model + "\"}}")
                .when().post("/api/jobs/retrain/runs").then().statusCode(202).extract().path("id");
        JsonPath run = Eventually.until(() -> given().when().get("/api/jobs/runs/" + id).jsonPath(),
                r -> List.of("succeeded", "failed").contains(r.getString("status")), WITHIN, "retrain " + id);
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("succeeded");
        return run.getInt("outputs.version");
    }

    /** The {@code evaluate} run the cycle started for the version, once it succeeded (whatever its verdict). */
    static JsonPath cycleEvaluation(String model, int version) {
        String which = "it.trigger == 'cycle' && it.parameters.model == '" + model + "' && it.parameters.version == '"
                + version + "'";
        return Eventually.until(() -> given().queryParam("job", "evaluate").queryParam("size", 100).when()
                        .get("/api/jobs/runs").jsonPath(),
                runs -> runs.getList("runs.findAll { " + which + " && it.status == 'succeeded' }").size() == 1,
                WITHIN, "the cycle's evaluate run of " + model + " v" + version)
                .setRootPath("runs.find { " + which + " }");
    }
}
