package io.flywheel.mlops.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.Eventually;
import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class JobResourceTest {

    private static final Duration WITHIN = Duration.ofMinutes(2);

    @AfterEach
    void letAnyWaitingRunFinish() {
        GatedJob.open();
        awaitIdle(GatedJob.NAME);
        GatedJob.close();
    }

    @Test
    void aRunIsAcceptedQueuedAndRecordedWithItsProgressAndOutputs() {
        Response accepted = start(GatedJob.NAME, "{\"parameters\":{\"label\":\"first\"}}");
        accepted.then().statusCode(202).header("Location", containsString("/api/jobs/runs/"))
                .body("job", equalTo(GatedJob.NAME)).body("trigger", equalTo("api"))
                .body("triggered_by", equalTo("local-admin")).body("parameters.label", equalTo("first"));
        String id = accepted.jsonPath().getString("id");

        JsonPath running = until(id, run -> "running".equals(run.getString("status"))
                && "waiting".equals(run.getString("progress.step")));
        assertThat(running.getInt("progress.rows")).isEqualTo(42);
        assertThat(running.getString("started_at")).isNotNull();

        GatedJob.open();
        JsonPath done = until(id, run -> "succeeded".equals(run.getString("status")));
        assertThat(done.getString("outputs.label")).isEqualTo("first");
        assertThat(done.getString("progress.step")).isEqualTo("done");
        assertThat(done.getLong("duration_ms")).isNotNegative();
        assertThat(done.getString("finished_at")).isNotNull();
        given().when().get("/api/jobs").then().statusCode(200)
                .body("find { it.name == '" + GatedJob.NAME + "' }.last_run.id", equalTo(id))
                .body("find { it.name == '" + GatedJob.NAME + "' }.running", equalTo(false));
        given().queryParam("target", "job:" + GatedJob.NAME + "/" + id).when().get("/api/audit").then()
                .statusCode(200).body("action", contains("job.run.end", "job.run.start"))
                .body("actor", contains("job:" + GatedJob.NAME, "local-admin"))
                .body("outcome", contains("succeeded", null));
    }

    @Test
    void aSecondRunOfARunningJobIsRefusedWithA409() {
        String id = start(GatedJob.NAME, null).then().statusCode(202).extract().path("id");
        until(id, run -> "running".equals(run.getString("status")));

        start(GatedJob.NAME, null).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("running already"));
        given().when().get("/api/jobs").then()
                .body("find { it.name == '" + GatedJob.NAME + "' }.running", equalTo(true));
    }

    @Test
    void aRunIsRefusedWhileAnotherProcessHoldsTheJobsLock() throws Exception {
        try (Connection otherPod = TestDatabase.shared().connect()) {
            advisoryLock(otherPod, "pg_advisory_lock");

            start(GatedJob.NAME, null).then().statusCode(409);

            advisoryLock(otherPod, "pg_advisory_unlock");
        }
        GatedJob.open();
        start(GatedJob.NAME, null).then().statusCode(202);
    }

    @Test
    void aFailingRunIsRecordedWithItsErrorAndTheNextRunResumesFromItsCheckpoint() {
        GatedJob.open();
        String failed = start(GatedJob.NAME, "{\"parameters\":{\"fail\":\"true\"}}").then().statusCode(202)
                .extract().path("id");
        JsonPath record = until(failed, run -> "failed".equals(run.getString("status")));
        assertThat(record.getString("error")).isEqualTo("failed on purpose after its checkpoint");
        assertThat(record.getString("checkpoint.at")).isEqualTo("halfway");

        String next = start(GatedJob.NAME, null).then().statusCode(202).extract().path("id");
        assertThat(until(next, run -> "succeeded".equals(run.getString("status"))).getString("outputs.resumed_from"))
                .isEqualTo("halfway");
    }

    @Test
    void anActiveRunLeftByADeadProcessIsMarkedFailedWhenTheJobIsNextAdmitted() throws Exception {
        UUID orphan = UUID.randomUUID();
        try (Connection connection = TestDatabase.shared().connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO mlops.job_run (id, job, trigger, "
                     + "triggered_by, parameters, status, host, queued_at, started_at) VALUES (?, ?, 'api', 'someone',"
                     + " '{}', 'running', '4242@dead-pod', now(), now())")) {
            insert.setObject(1, orphan);
            insert.setString(2, GatedJob.NAME);
            insert.executeUpdate();
        }
        GatedJob.open();

        start(GatedJob.NAME, null).then().statusCode(202);

        given().when().get("/api/jobs/runs/" + orphan).then().statusCode(200).body("status", equalTo("failed"))
                .body("error", containsString("4242@dead-pod")).body("finished_at", notNullValue());
    }

    @Test
    void aJobRegistersAVersionWithItsRunAsLineage() {
        String id = start(RegisteringJob.NAME, null).then().statusCode(202).extract().path("id");
        JsonPath done = until(id, run -> "succeeded".equals(run.getString("status")));

        given().when().get("/api/models/job-made/versions/" + done.getInt("outputs.version")).then().statusCode(200)
                .body("stage", equalTo("Staging"))
                .body("lineage.run_id", equalTo(id))
                .body("lineage.created_by", equalTo("job:" + RegisteringJob.NAME))
                .body("lineage.created_through", equalTo("job-run:" + id))
                .body("lineage.dataset_sha256", equalTo("ef".repeat(32)));
    }

    @Test
    void jobsAreListedWithTheirParametersAndWithoutScheduleWhenTheyHaveNone() {
        given().when().get("/api/jobs").then().statusCode(200)
                .body("find { it.name == 'registry-verify' }.description", containsString("sha256"))
                .body("find { it.name == 'registry-verify' }.parameters", hasKey("max-bytes-per-second"))
                .body("find { it.name == 'registry-verify' }.schedule", nullValue())
                .body("find { it.name == '" + HeartbeatJob.NAME + "' }.next_run", nullValue());
    }

    @Test
    void unknownJobsParametersAndFiltersAreProblemsNamingWhatIsWrong() {
        start("no-such-job", null).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no job named 'no-such-job'"));
        start(GatedJob.NAME, "{\"parameters\":{\"colour\":\"red\"}}").then().statusCode(422)
                .body("errors.field", hasItem("parameters.colour"));
        start("registry-verify", "{\"parameters\":{\"max-bytes-per-second\":\"fast\"}}").then().statusCode(422)
                .body("errors.field", hasItem("parameters.max-bytes-per-second"));
        given().queryParam("status", "sleeping").when().get("/api/jobs/runs").then().statusCode(422)
                .body("errors.field", hasItem("status"));
        given().queryParam("size", 0).when().get("/api/jobs/runs").then().statusCode(422)
                .body("errors.field", hasItem("size"));
        given().when().get("/api/jobs/runs/" + UUID.randomUUID()).then().statusCode(404);
        given().when().get("/api/jobs/runs/not-a-uuid").then().statusCode(404);
    }

    @Test
    void runsAreListedNewestFirstAndPaged() {
        GatedJob.open();
        String first = start(GatedJob.NAME, null).then().statusCode(202).extract().path("id");
        awaitIdle(GatedJob.NAME);
        String second = start(GatedJob.NAME, null).then().statusCode(202).extract().path("id");
        awaitIdle(GatedJob.NAME);

        JsonPath page = given().queryParam("job", GatedJob.NAME).queryParam("size", 1).when().get("/api/jobs/runs")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getString("runs[0].id")).isEqualTo(second);
        assertThat(page.getLong("total")).isGreaterThanOrEqualTo(2);
        assertThat(given().queryParam("job", GatedJob.NAME).queryParam("size", 1).queryParam("page", 1).when()
                .get("/api/jobs/runs").jsonPath().getString("runs[0].id")).isEqualTo(first);
    }

    private static Response start(String job, String body) {
        var request = given().contentType("application/json");
        if (body != null) {
            request = request.body(body);
        }
        return request.when().post("/api/jobs/" + job + "/runs");
    }

    private static JsonPath until(String id, java.util.function.Predicate<JsonPath> condition) {
        return Eventually.until(() -> given().when().get("/api/jobs/runs/" + id).then().statusCode(200).extract()
                .jsonPath(), condition, WITHIN, "run " + id);
    }

    private static void awaitIdle(String job) {
        Eventually.until(() -> given().queryParam("job", job).queryParam("status", "running").when()
                        .get("/api/jobs/runs").jsonPath().getLong("total")
                        + given().queryParam("job", job).queryParam("status", "queued").when()
                        .get("/api/jobs/runs").jsonPath().getLong("total"),
                active -> active == 0, WITHIN, "no active run of " + job);
    }

    private static void advisoryLock(Connection connection, String function) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet ignored = statement.executeQuery("SELECT " + function + "(" + JobLocks.NAMESPACE + ", "
                     + JobLocks.key(GatedJob.NAME) + ")")) {
            assertThat(ignored.next()).isTrue();
        }
    }
}
