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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scheduled cycle on a real PostgreSQL with real trainings: a retrain that registers a version is followed by its
 * evaluate run; a pass becomes a deploy action in the approval queue; its approval starts the rollout through the
 * agent's executor, and an approved rollback aborts it; the model's timeline shows all of it in time order.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@TestProfile(CycleProfile.class)
class ScheduledCycleTest {

    private static final String MODEL = "cycle-credit";

    @Test
    void aRetrainIsEvaluatedItsPassWaitsForApprovalAndTheApprovedRolloutStartsAndIsRolledBackByTheAgent() {
        // given v1 trained, evaluated by the cycle and promoted by hand (a first version has nothing to canary against)
        retrainOn(MODEL, LendingClubCsv.rows(0, 6000));
        cycleEvaluation(MODEL, 1);
        given().contentType("application/json").body("{\"stage\":\"Production\"}").when()
                .post("/api/models/" + MODEL + "/versions/1/stage").then().statusCode(200);
        assertThat(pendingDeploys()).as("no deploy is proposed for a model with no stable version").isEmpty();

        // when a retrain registers v2
        retrainOn(MODEL, LendingClubCsv.rows(1000, 8000));

        // then the cycle evaluates it and, passed, proposes its rollout for approval
        assertThat(cycleEvaluation(MODEL, 2).getBoolean("outputs.verdicts[0].passed")).isTrue();
        List<Map<String, Object>> deploys = Eventually.until(ScheduledCycleTest::pendingDeploys,
                list -> !list.isEmpty(),
                WITHIN, "a deploy action waiting for approval");
        assertThat(deploys).hasSize(1);
        assertThat(deploys.get(0)).containsEntry("proposed_by", "cycle").containsEntry("tier", "approval");
        String action = (String) deploys.get(0).get("id");

        // when an approver approves it, the agent's executor starts the rollout
        given().contentType("application/json").body("{\"note\":\"metrics look right\"}").when()
                .post("/api/approvals/" + action + "/approve").then().statusCode(200);
        JsonPath rollout = Eventually.until(() -> given().queryParam("model", MODEL).when().get("/api/rollouts")
                .jsonPath(), rollouts -> rollouts.getList("$").size() == 1, WITHIN, "the approved rollout");
        assertThat(rollout.getInt("[0].version")).isEqualTo(2);
        assertThat(rollout.getString("[0].status")).isEqualTo("running");
        Eventually.until(() -> given().when().get("/api/actions/" + action).jsonPath().getString("status"),
                "succeeded"::equals, WITHIN, "the deploy action's outcome");

        // and an approved rollback aborts it: all traffic back on v1
        String rollback = given().contentType("application/json").body("{\"type\":\"rollback\",\"target\":\"model:"
                + MODEL + "\",\"parameters\":{\"model\":\"" + MODEL + "\"},\"reasoning\":\"canary looks wrong\"}")
                .when().post("/api/actions").then().statusCode(201).extract().path("id");
        given().contentType("application/json").body("{\"note\":\"agreed\"}").when()
                .post("/api/approvals/" + rollback + "/approve").then().statusCode(200);
        Eventually.until(() -> given().when().get("/api/rollouts/" + rollout.getString("[0].id")).jsonPath()
                .getString("status"), "aborted"::equals, WITHIN, "the rollout aborted by the agent");
        given().when().get("/api/deployments").then()
                .body("models.find { it.model == '" + MODEL + "' }.stable.version", equalTo(1))
                .body("models.find { it.model == '" + MODEL + "' }.canary", org.hamcrest.Matchers.nullValue());

        // the timeline holds the whole cycle, oldest first
        JsonPath timeline = given().when().get("/api/models/" + MODEL + "/timeline").then().statusCode(200)
                .extract().jsonPath();
        List<String> kinds = timeline.getList("kind", String.class);
        assertThat(kinds).containsSubsequence("retrain.succeeded", "evaluate.succeeded", "model.version.stage-changed",
                "retrain.succeeded", "evaluate.succeeded", "deployment.canary-set", "rollout.started",
                "rollout.aborted");
        assertThat(kinds).contains("action.deploy.succeeded", "action.rollback.succeeded");
        List<OffsetDateTime> times = timeline.getList("at", String.class).stream().map(OffsetDateTime::parse).toList();
        assertThat(times).isSorted();
        given().when().get("/api/models/no-such-model/timeline").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static List<Map<String, Object>> pendingDeploys() {
        return given().when().get("/api/approvals").jsonPath()
                .getList("findAll { it.type == 'deploy' && it.target == 'model:" + MODEL + "' }");
    }
}
