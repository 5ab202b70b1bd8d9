package io.flywheel.mlops.cycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static io.flywheel.mlops.cycle.CycleSteps.WITHIN;
import static io.flywheel.mlops.cycle.CycleSteps.cycleEvaluation;
import static io.flywheel.mlops.cycle.CycleSteps.retrainOn;
import static org.hamcrest.Matchers.equalTo;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.Eventually;
import io.flywheel.mlops.rollout.LendingClubCsv;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code flywheel.cycle.rollout=auto} on a real PostgreSQL with real trainings: a version that passed the cycle's
 * evaluation is rolled out at once, with nothing in the approval queue; a version that failed it is never rolled out.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@TestProfile(AutoRolloutProfile.class)
class AutoRolloutCycleTest {

    private static final String MODEL = "cycle-auto-credit";

    @Test
    void aPassedEvaluationStartsTheRolloutWithNoApprovalAndAFailedOneDoesNot() {
        // given v1 trained, evaluated by the cycle and promoted by hand
        int first = retrainOn(MODEL, LendingClubCsv.rows(0, 6000));
        assertThat(cycleEvaluation(MODEL, first).getBoolean("outputs.verdicts[0].passed")).isTrue();
        given().contentType("application/json").body("{\"stage\":\"Production\"}").when()
                .post("/api/models/" + MODEL + "/versions/" + first + "/stage").then().statusCode(200);

        // when a retrain on similar rows registers a version no better than v1, the cycle's evaluation fails it
        int notBetter = retrainOn(MODEL, LendingClubCsv.rows(1000, 8000));
        assertThat(cycleEvaluation(MODEL, notBetter).getBoolean("outputs.verdicts[0].passed")).isFalse();

        // and when a retrain with an informative extra column registers a better one, the evaluation passes it
        int better = retrainOn(MODEL, LendingClubCsv.rowsWithBureauScore(0, 7000));
        assertThat(cycleEvaluation(MODEL, better).getBoolean("outputs.verdicts[0].passed")).isTrue();

        // then the passed version's rollout starts with no approval, and the failed one was never rolled out
        JsonPath rollouts = Eventually.until(() -> given().queryParam("model", MODEL).when().get("/api/rollouts")
                .jsonPath(), list -> !list.getList("$").isEmpty(), WITHIN, "a rollout started by the cycle");
        assertThat(rollouts.getList("version", Integer.class)).containsExactly(better);
        assertThat(rollouts.getString("[0].started_by")).isEqualTo("cycle");
        assertThat(rollouts.getString("[0].status")).isEqualTo("running");
        assertThat(rollouts.getInt("[0].stable_version")).isEqualTo(first);
        assertThat(actionsOnModel()).as("no deploy action, nothing awaiting approval").isEmpty();
        given().when().get("/api/models/" + MODEL + "/versions/" + notBetter).then().body("stage",
                equalTo("Staging"));
        List<String> kinds = given().when().get("/api/models/" + MODEL + "/timeline").jsonPath()
                .getList("kind", String.class);
        assertThat(kinds).containsSubsequence("evaluate.succeeded", "retrain.succeeded", "evaluate.succeeded",
                "deployment.canary-set", "rollout.started");

        // the rollout is not driven further here (no inference pod): abort it, as an operator would
        given().contentType("application/json").body("{\"reason\":\"test over\"}").when()
                .post("/api/rollouts/" + rollouts.getString("[0].id") + "/abort").then().statusCode(200);
    }

    private static List<Map<String, Object>> actionsOnModel() {
        return given().when().get("/api/actions").jsonPath()
                .getList("findAll { it.target == 'model:" + MODEL + "' }");
    }
}
