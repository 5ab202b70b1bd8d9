package io.flywheel.mlops.rollout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.EvaluationVerdict;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.TestArtifacts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The rollout API's contract on a real PostgreSQL: starting, following and acting on rollouts, and every bad request
 * answered as a problem naming what is wrong. (Steps and analyses against live pods: {@code RolloutAcceptanceIT}.)
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class RolloutResourceTest {

    private static final AtomicLong SEED = new AtomicLong(700);

    @Inject
    RegistryService registry;

    @Test
    void aRolloutStartsAtItsFirstStepWithTheCanaryPublishedAndAnAuditedEvent() {
        String model = servedModelWithCandidate("rollout-start");

        String id = start(model, 2).statusCode(201).header("Location", containsString("/api/rollouts/"))
                .body("status", equalTo("running")).body("step", equalTo(0)).body("weight", equalTo(0.05f))
                .body("strategy", equalTo("canary")).body("steps", equalTo(List.of(0.05f, 0.25f, 0.5f, 1.0f)))
                .body("stable_version", equalTo(1)).extract().path("id");

        given().when().get("/api/deployments").then()
                .body("models.find { it.model == '" + model + "' }.canary.version", equalTo(2))
                .body("models.find { it.model == '" + model + "' }.canary_weight", equalTo(0.05f));
        given().when().get("/api/rollouts/" + id).then().statusCode(200)
                .body("events.kind", equalTo(List.of("started")));
        given().queryParam("target", "rollout:" + id).when().get("/api/audit").then()
                .body("action", hasItems("rollout.started"));
        given().queryParam("model", model).when().get("/api/rollouts").then()
                .body("id", equalTo(List.of(id))).body("[0].events", nullValue());
    }

    @Test
    void pauseResumeAndAbortAreEachAuditedAndAbortSendsAllTrafficBackToStable() {
        String model = servedModelWithCandidate("rollout-actions");
        String id = start(model, 2).statusCode(201).extract().path("id");

        act(id, "pause").statusCode(200).body("status", equalTo("paused"));
        act(id, "pause").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("only a running rollout can be paused"));
        act(id, "resume").statusCode(200).body("status", equalTo("running"));
        act(id, "abort").statusCode(200).body("status", equalTo("aborted"))
                .body("finished_at", org.hamcrest.Matchers.notNullValue());
        act(id, "abort").statusCode(409).contentType("application/problem+json");
        act(id, "resume").statusCode(409);

        given().when().get("/api/deployments").then()
                .body("models.find { it.model == '" + model + "' }.canary", nullValue())
                .body("models.find { it.model == '" + model + "' }.stable.version", equalTo(1));
        given().when().get("/api/models/" + model + "/versions/2").then().body("stage", equalTo("Staging"));
        given().queryParam("target", "rollout:" + id).when().get("/api/audit").then()
                .body("action", hasItems("rollout.started", "rollout.paused", "rollout.resumed", "rollout.aborted"))
                .body("find { it.action == 'rollout.paused' }.reasoning", equalTo("checking a dashboard"));
        given().when().get("/api/rollouts/" + id).then()
                .body("events.kind", equalTo(List.of("started", "paused", "resumed", "aborted")));
    }

    @Test
    void theDeploymentReportIsAPrintablePageWithItsChartAndEveryEventAndNothingFetchedFromElsewhere() {
        String model = servedModelWithCandidate("rollout-report");
        String id = start(model, 2).statusCode(201).extract().path("id");
        act(id, "abort").statusCode(200);

        String page = given().when().get("/api/rollouts/" + id + "/report").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();

        assertThat(page).contains("Deployment report: " + model + " v2", "aborted", "<svg", "<polyline",
                "checking a dashboard", "stable v1");
        assertThat(page).doesNotContain("<script", " src=", "<link");
        given().when().get("/api/rollouts/" + UUID.randomUUID() + "/report").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void promoteNowMakesTheCanaryProductionAndArchivesTheOldVersion() {
        String model = servedModelWithCandidate("rollout-promote");
        String id = start(model, 2).statusCode(201).extract().path("id");

        act(id, "promote").statusCode(200).body("status", equalTo("succeeded"));

        given().when().get("/api/models/" + model + "/versions/2").then().body("stage", equalTo("Production"));
        given().when().get("/api/models/" + model + "/versions/1").then().body("stage", equalTo("Archived"));
        given().when().get("/api/deployments").then()
                .body("models.find { it.model == '" + model + "' }.stable.version", equalTo(2))
                .body("models.find { it.model == '" + model + "' }.canary", nullValue());
    }

    @Test
    void blueGreenSwitchesAllTrafficAtOnceWithTheOldVersionStillDeployed() {
        String model = servedModelWithCandidate("rollout-blue-green");

        given().contentType("application/json").body("{\"model\":\"" + model + "\",\"version\":2,"
                + "\"strategy\":\"blue-green\"}").when().post("/api/rollouts").then().statusCode(201)
                .body("steps", equalTo(List.of(1.0f))).body("weight", equalTo(1.0f));

        given().when().get("/api/deployments").then()
                .body("models.find { it.model == '" + model + "' }.stable.version", equalTo(1))
                .body("models.find { it.model == '" + model + "' }.canary.version", equalTo(2))
                .body("models.find { it.model == '" + model + "' }.canary_weight", equalTo(1.0f));
    }

    @Test
    void twoRolloutsOfOneModelAtOnceAreRefused() {
        String model = servedModelWithCandidate("rollout-twice");
        registerEvaluated(model, true);
        start(model, 2).statusCode(201);

        start(model, 3).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("has a rollout in progress"));
        start(model, 2).statusCode(409);
    }

    @Test
    void onlyAPassedStagingVersionOfAServedModelCanBeRolledOut() {
        String model = servedModelWithCandidate("rollout-refused");
        registerEvaluated(model, false);
        int unevaluated = upload(model, "Staging");
        int notStaged = upload(model, "None");

        start(model, 3).statusCode(409).body("detail", containsString("failed it"));
        start(model, unevaluated).statusCode(409).body("detail", containsString("has none"));
        start(model, notStaged).statusCode(409);
        start(model, 1).statusCode(409).body("detail", containsString("stable version already"));

        String unserved = "rollout-unserved-" + SEED.incrementAndGet();
        registerEvaluated(unserved, true);
        start(unserved, 1).statusCode(409).body("detail", containsString("no stable version"));
        given().queryParam("model", unserved).when().get("/api/rollouts").then().body("size()", equalTo(0));
    }

    @Test
    void unknownModelsVersionsAndRolloutsAre404Problems() {
        String model = servedModelWithCandidate("rollout-unknown");
        start("no-such-model", 1).statusCode(404).contentType("application/problem+json");
        start(model, 99).statusCode(404).contentType("application/problem+json");
        String unknown = UUID.randomUUID().toString();
        given().when().get("/api/rollouts/" + unknown).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString(unknown));
        act(unknown, "abort").statusCode(404).contentType("application/problem+json");
        given().when().get("/api/rollouts/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badRequestsAre422ProblemsNamingEachField() {
        given().contentType("application/json").body("{}").when().post("/api/rollouts").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItems("model", "version"));
        given().contentType("application/json").body("{\"model\":\"m\",\"version\":1,\"strategy\":\"big-bang\"}")
                .when().post("/api/rollouts").then().statusCode(422).body("errors.field", hasItems("strategy"));
        for (String steps : List.of("[0.5, 0.25, 1]", "[0.1, 0.5]", "[0, 1]", "[0.5, 1.5]")) {
            given().contentType("application/json").body("{\"model\":\"m\",\"version\":1,\"steps\":" + steps + "}")
                    .when().post("/api/rollouts").then().statusCode(422).body("errors.field", hasItems("steps"));
        }
        given().contentType("application/json").body("{\"model\":").when().post("/api/rollouts").then()
                .statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").when().post("/api/rollouts").then().statusCode(422)
                .contentType("application/problem+json");
    }

    /** A model with v1 in Production (served) and v2 in Staging with a passed evaluation. */
    private String servedModelWithCandidate(String prefix) {
        String model = prefix + "-" + SEED.incrementAndGet();
        registerEvaluated(model, true);
        given().contentType("application/json").body("{\"stage\":\"Production\"}").when()
                .post("/api/models/" + model + "/versions/1/stage").then().statusCode(200);
        registerEvaluated(model, true);
        return model;
    }

    private void registerEvaluated(String model, boolean passed) {
        int version = upload(model, "Staging");
        try {
            VertxContextSupport.subscribeAndAwait(() -> registry.recordEvaluation(model, version,
                    new EvaluationVerdict(passed, passed ? "pass" : "fail", null, Map.of()),
                    Attribution.component("evaluate", "test")));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static int upload(String model, String stage) {
        return given().multiPart("artifact", "a.bin", TestArtifacts.tabular(SEED.incrementAndGet()),
                        "application/octet-stream")
                .multiPart("metadata", "m.json", ("{\"kind\":\"tabular-classifier\",\"stage\":\"" + stage + "\"}")
                        .getBytes(), "application/json")
                .when().post("/api/models/" + model + "/versions").then().statusCode(201).extract().path("version");
    }

    private static ValidatableResponse start(String model, int version) {
        return given().contentType("application/json").body("{\"model\":\"" + model + "\",\"version\":" + version
                + ",\"reason\":\"test\"}").when().post("/api/rollouts").then();
    }

    private static ValidatableResponse act(String id, String action) {
        return given().contentType("application/json").body("{\"reason\":\"checking a dashboard\"}").when()
                .post("/api/rollouts/" + id + "/" + action).then();
    }
}
