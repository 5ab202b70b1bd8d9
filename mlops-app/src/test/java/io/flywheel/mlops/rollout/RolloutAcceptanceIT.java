package io.flywheel.mlops.rollout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.Eventually;
import io.flywheel.mlops.PackagedInference;
import io.flywheel.mlops.PackagedMlops;
import io.flywheel.mlops.QuickTrainings;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatabase;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 5's rollout acceptance with both apps running for real (the packaged jars, one PostgreSQL), versions trained
 * by the {@code retrain} job on the real Lending Club data and judged by {@code evaluate}, and steady client traffic
 * against inference-app from the first rollout to the last, counting every failed request:
 * a good candidate goes through every step to Production (the old version Archived, and restorable); a skewed
 * candidate (it needs a column clients never send) is rolled back by the analysis within two intervals; mlops-app
 * killed mid-rollout resumes at the same step after its restart. Intervals are short by configuration.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutAcceptanceIT {

    /**
     * Short by configuration, as in FullCycleIT; the traffic is twice as frequent as it was with 8 s, so that each
     * analysis at the first step (5% canary) still sees at least as many canary requests and rows.
     */
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration TRAFFIC_PAUSE = Duration.ofMillis(10);
    private static final Duration JOB_WITHIN = Duration.ofMinutes(6);
    private static final Duration ROLLOUT_WITHIN = Duration.ofMinutes(5);
    private static final String MODEL = "rollout-credit-" + System.currentTimeMillis() % 100_000;

    private static int mlopsPort;
    private static AppProcess mlops;
    private static AppProcess inference;
    private static ClientTraffic traffic;

    @BeforeAll
    static void platformWithAProductionVersionAndClientTraffic() throws Exception {
        mlopsPort = AppProcess.freePort();
        int inferencePort = AppProcess.freePort();
        mlops = PackagedMlops.start("rollout-mlops", mlopsPort, mlopsSettings(inferencePort));
        inference = PackagedInference.start("rollout-inference", inferencePort, mlops.baseUri());

        int first = trainedAndEvaluated(MODEL, LendingClubCsv.rows(0, 6000));
        api().contentType("application/json").body("{\"stage\":\"Production\"}")
                .post("/api/models/" + MODEL + "/versions/" + first + "/stage").then().statusCode(200);
        Eventually.until(() -> servedVersions(), List.of(Integer.toString(first))::equals, JOB_WITHIN,
                "inference-app serving v" + first);
        traffic = ClientTraffic.start(inference.baseUri().resolve("/v2/models/" + MODEL + "/infer"), TRAFFIC_PAUSE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (traffic != null) {
            traffic.close();
        }
        if (inference != null) {
            inference.close();
        }
        if (mlops != null) {
            mlops.close();
        }
    }

    @Test
    @Order(1)
    void aGoodCandidateGoesThroughEveryStepToProductionAndTheOldVersionIsArchived() {
        int stable = productionVersion();
        int candidate = trainedAndEvaluated(MODEL, LendingClubCsv.rows(1000, 8000));

        String id = startRollout(candidate);
        JsonPath done = awaitEnd(id);

        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("succeeded");
        List<Map<String, Object>> steps = events(done, "step");
        assertThat(steps).extracting(step -> ((Number) step.get("weight")).doubleValue())
                .containsExactly(0.25, 0.5, 1.0);
        assertThat(events(done, "analysis")).extracting(analysis -> analysis.get("verdict"))
                .contains("pass").doesNotContain("fail");
        assertThat(stage(candidate)).isEqualTo("Production");
        assertThat(stage(stable)).isEqualTo("Archived");
        Eventually.until(RolloutAcceptanceIT::servedVersions, List.of(Integer.toString(candidate))::equals,
                JOB_WITHIN, "inference-app serving v" + candidate + " alone");
        assertNoClientFailed();
    }

    @Test
    @Order(2)
    void aSkewedCandidateIsRolledBackWithinTwoIntervalsWithoutFailingOneClientRequest() {
        int stable = productionVersion();
        int skewed = trainedAndEvaluated(MODEL + "-bureau", LendingClubCsv.rowsWithBureauScore(0, 7000));
        long answeredBefore = traffic.answered();

        String id = startRollout(skewed);
        JsonPath done = awaitEnd(id);

        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("rolled-back");
        List<Map<String, Object>> analyses = events(done, "analysis");
        assertThat(analyses).as("rolled back at the first or second analysis").hasSizeLessThanOrEqualTo(2);
        assertThat(analyses.get(analyses.size() - 1).get("verdict")).isEqualTo("fail");
        assertThat(done.getString("reason")).contains("canary error rate");
        Duration took = Duration.between(OffsetDateTime.parse(done.getString("created_at")),
                OffsetDateTime.parse(done.getString("finished_at")));
        System.out.printf("skewed candidate rolled back after %d analyses, %d ms after the start (interval %d ms)%n",
                analyses.size(), took.toMillis(), INTERVAL.toMillis());
        assertThat(stage(skewed)).isEqualTo("Staging");
        assertThat(productionVersion()).isEqualTo(stable);
        assertThat(api().get("/api/models/" + MODEL + "/events").jsonPath().getList("findAll { it.version == "
                + skewed + " }.action", String.class)).contains("model.version.rolled-back");
        api().get("/api/deployments").then()
                .body("models.find { it.model == '" + MODEL + "' }.canary", org.hamcrest.Matchers.nullValue());
        Eventually.until(() -> api().get("/api/alerts").jsonPath().getList("summary", String.class),
                summaries -> summaries.stream().anyMatch(summary -> summary.contains(MODEL + " v" + skewed
                        + " rolled back")), ROLLOUT_WITHIN, "the rollback's alert");
        assertThat(traffic.answered()).as("clients kept being answered").isGreaterThan(answeredBefore + 100);
        assertThat(traffic.answeredBy(skewed)).as("answers from the skewed version").isZero();
        assertNoClientFailed();
    }

    @Test
    @Order(3)
    void mlopsAppKilledMidRolloutResumesAtTheSameStepAfterItsRestart() throws Exception {
        int candidate = trainedAndEvaluated(MODEL, LendingClubCsv.rows(2000, 9800));
        String id = startRollout(candidate);
        JsonPath atSecondStep = Eventually.until(() -> rollout(id), rollout -> rollout.getInt("step") == 1,
                ROLLOUT_WITHIN, "the rollout's second step");
        assertThat(atSecondStep.getDouble("weight")).isEqualTo(0.25);

        OffsetDateTime killedAt = OffsetDateTime.now();
        mlops.kill();
        mlops.close();
        assertThat(storedStep(id)).as("what the dead process left").isEqualTo(1);
        mlops = PackagedMlops.start("rollout-mlops-restarted", mlopsPort, mlopsSettings(inference.port()));

        JsonPath done = awaitEnd(id);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(events(done, "started")).hasSize(1);
        assertThat(events(done, "step")).extracting(step -> ((Number) step.get("step")).intValue())
                .as("no step taken twice, none skipped").containsExactly(1, 2, 3);
        assertThat(done.getList("events", Map.class)).as("the first thing the restarted app did")
                .filteredOn(event -> OffsetDateTime.parse((String) event.get("at")).isAfter(killedAt)).first()
                .satisfies(first -> {
                    assertThat(first.get("kind")).isEqualTo("analysis");
                    assertThat(first.get("step")).isEqualTo(1);
                });
        assertThat(stage(candidate)).isEqualTo("Production");
        assertNoClientFailed();
    }

    @Test
    @Order(4)
    void anArchivedVersionCanBeRestoredToProduction() {
        int archived = api().get("/api/models/" + MODEL + "/versions?stage=Archived").jsonPath()
                .getInt("[0].version");

        api().contentType("application/json").body("{\"stage\":\"Production\",\"reason\":\"restore\"}")
                .post("/api/models/" + MODEL + "/versions/" + archived + "/stage").then().statusCode(200);

        assertThat(productionVersion()).isEqualTo(archived);
        Eventually.until(RolloutAcceptanceIT::servedVersions, List.of(Integer.toString(archived))::equals,
                JOB_WITHIN, "inference-app serving the restored v" + archived);
        assertNoClientFailed();
    }

    private static Map<String, String> mlopsSettings(int inferencePort) {
        Map<String, String> settings = new HashMap<>();
        settings.put("flywheel.rollout.pods.urls", "http://127.0.0.1:" + inferencePort);
        settings.put("flywheel.rollout.interval", INTERVAL.toSeconds() + "s");
        settings.put("flywheel.rollout.tick", "1s");
        settings.put("flywheel.rollout.thresholds.min-requests", "5");
        settings.put("flywheel.rollout.thresholds.min-distribution-rows", "40");
        settings.put("flywheel.jobs.cron-enabled", "false");
        settings.put("flywheel.cycle.enabled", "false");
        // what is tested here is the rollout of versions that passed the gates, not the gates
        settings.putAll(QuickTrainings.SETTINGS);
        return settings;
    }

    /** Uploads the CSV as a snapshot of the dataset, retrains the model on it, evaluates it; the version (passed). */
    private static int trainedAndEvaluated(String dataset, String csv) {
        api().contentType("text/csv").body(csv)
                .post("/api/datasets?name=" + dataset + "&label=Class&positive_class=bad")
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200),
                        org.hamcrest.Matchers.is(201)));
        JsonPath retrain = runJob("retrain", "{\"dataset\":\"" + dataset + "\",\"model\":\"" + MODEL + "\"}");
        int version = retrain.getInt("outputs.version");
        JsonPath evaluate = runJob("evaluate", "{\"model\":\"" + MODEL + "\",\"version\":\"" + version + "\"}");
        assertThat(evaluate.getBoolean("outputs.verdicts[0].passed")).as(evaluate.prettify()).isTrue();
        return version;
    }

    private static JsonPath runJob(String job, String parameters) {
        String id = api().contentType("application/json").body("{\"parameters\":" + parameters + "}")
                .post("/api/jobs/" + job + "/runs").then().statusCode(202).extract().path("id");
        JsonPath run = Eventually.until(() -> api().get("/api/jobs/runs/" + id).jsonPath(),
                r -> "succeeded".equals(r.getString("status")) || "failed".equals(r.getString("status")),
                JOB_WITHIN, job + " run " + id);
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("succeeded");
        return run;
    }

    private static String startRollout(int version) {
        return api().contentType("application/json").body("{\"model\":\"" + MODEL + "\",\"version\":" + version
                + ",\"reason\":\"acceptance\"}").post("/api/rollouts").then().statusCode(201).extract().path("id");
    }

    private static JsonPath awaitEnd(String id) {
        return Eventually.until(() -> rollout(id), rollout -> rollout.getString("finished_at") != null,
                ROLLOUT_WITHIN, "the end of rollout " + id);
    }

    private static JsonPath rollout(String id) {
        return api().get("/api/rollouts/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> events(JsonPath rollout, String kind) {
        return rollout.getList("events.findAll { it.kind == '" + kind + "' }");
    }

    private static int productionVersion() {
        return api().get("/api/models/" + MODEL + "/versions?stage=Production").jsonPath().getInt("[0].version");
    }

    private static String stage(int version) {
        return api().get("/api/models/" + MODEL + "/versions/" + version).jsonPath().getString("stage");
    }

    private static List<String> servedVersions() {
        return PackagedInference.servedVersions(inference, MODEL);
    }

    private static int storedStep(String id) throws Exception {
        try (Connection connection = TestDatabase.shared().connect(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT step FROM mlops.rollout WHERE id = '" + id + "'")) {
            assertThat(row.next()).isTrue();
            return row.getInt(1);
        }
    }

    private static void assertNoClientFailed() {
        assertThat(traffic.failed()).as("failed client requests: %s", traffic.failures()).isZero();
    }

    private static RequestSpecification api() {
        return given().baseUri(mlops.baseUri().toString()).when();
    }
}
