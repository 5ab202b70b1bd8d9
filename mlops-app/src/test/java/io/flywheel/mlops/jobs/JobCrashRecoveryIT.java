package io.flywheel.mlops.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.flywheel.mlops.Eventually;
import io.flywheel.mlops.PackagedMlops;
import io.flywheel.mlops.registry.TestArtifacts;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatabase;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A job's JVM killed halfway through a run (SIGKILL, as an OOM kill or a lost node would): PostgreSQL frees the lock
 * with the dead session, the next start marks the run failed, the next run succeeds and resumes after the last
 * checkpoint, and the registry and the deployments are exactly as before.
 */
class JobCrashRecoveryIT {

    private static final Duration WITHIN = Duration.ofMinutes(2);
    private static final String VERIFY = "registry-verify";
    private static final int VERSIONS = 5;

    @Test
    void aRunKilledHalfwayIsFailedAtTheNextStartItsLockIsFreeAndTheNextRunSucceeds() throws Exception {
        String runId;
        String deploymentsBefore;
        String etagBefore;
        try (AppProcess first = PackagedMlops.start("crash-first")) {
            int artifactBytes = registerVersionsAndServeTheFirst(first);
            deploymentsBefore = api(first).get("/api/deployments").asString();
            etagBefore = api(first).get("/api/deployments").getHeader("ETag");
            // two seconds per artifact: the run is surely in the middle when it is killed
            runId = api(first).contentType("application/json").body("{\"parameters\":{\"model\":\"crashed\","
                    + "\"max-bytes-per-second\":\"" + artifactBytes / 2 + "\"}}").post("/api/jobs/" + VERIFY + "/runs")
                    .then().statusCode(202).extract().path("id");
            Eventually.until(() -> run(first, runId), run -> run.get("checkpoint.version") != null, WITHIN,
                    "the first checkpoint");

            first.kill();
        }

        assertThat(status(runId)).as("nobody has looked yet").isEqualTo("running");
        assertThat(lockIsFree(VERIFY)).as("PostgreSQL ended the dead session and its lock").isTrue();

        try (AppProcess second = PackagedMlops.start("crash-second")) {
            JsonPath interrupted = run(second, runId);
            assertThat(interrupted.getString("status")).isEqualTo("failed");
            assertThat(interrupted.getString("error")).startsWith("interrupted: the process that ran it");

            String next = api(second).contentType("application/json").body("{\"parameters\":{\"model\":\"crashed\"}}")
                    .post("/api/jobs/" + VERIFY + "/runs").then().statusCode(202).extract().path("id");
            JsonPath done = Eventually.until(() -> run(second, next), run -> "succeeded".equals(run.getString("status")),
                    WITHIN, "the next run");
            assertThat(done.getString("outputs.resumed_after")).startsWith("crashed v");
            assertThat(done.getInt("outputs.checked")).isLessThan(VERSIONS);

            Response deployments = api(second).get("/api/deployments");
            assertThat(deployments.asString()).isEqualTo(deploymentsBefore);
            assertThat(deployments.getHeader("ETag")).isEqualTo(etagBefore);
            api(second).header("If-None-Match", etagBefore).get("/api/deployments").then().statusCode(304);
            api(second).get("/api/models/crashed").then().statusCode(200)
                    .body("versions", equalTo(VERSIONS));
        }
    }

    /** Registers the versions over HTTP, passes the first one's evaluation and promotes it; returns an artifact's size. */
    private static int registerVersionsAndServeTheFirst(AppProcess app) throws Exception {
        int size = 0;
        for (int v = 1; v <= VERSIONS; v++) {
            byte[] artifact = TestArtifacts.tabular(50 + v);
            size = artifact.length;
            api(app).multiPart("artifact", "a.bin", artifact, "application/octet-stream")
                    .multiPart("metadata", "m.json", "{\"kind\":\"tabular-classifier\",\"stage\":\"Staging\"}"
                            .getBytes(), "application/json")
                    .post("/api/models/crashed/versions").then().statusCode(201);
        }
        try (Connection connection = TestDatabase.shared().connect(); Statement sql = connection.createStatement()) {
            // the verdict the evaluation gates (another branch's job) would record
            sql.executeUpdate("UPDATE mlops.model_version SET evaluation = '{\"passed\":true,\"summary\":\"test\"}', "
                    + "evaluation_passed = true WHERE model = 'crashed' AND version = 1");
        }
        api(app).contentType("application/json").body("{\"stage\":\"Production\"}")
                .post("/api/models/crashed/versions/1/stage").then().statusCode(200);
        return size;
    }

    private static RequestSpecification api(AppProcess app) {
        return given().baseUri(app.baseUri().toString()).when();
    }

    private static JsonPath run(AppProcess app, String id) {
        return api(app).get("/api/jobs/runs/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static String status(String runId) throws Exception {
        try (Connection connection = TestDatabase.shared().connect(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT status FROM mlops.job_run WHERE id = '" + runId + "'")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }

    private static boolean lockIsFree(String job) throws Exception {
        String key = JobLocks.NAMESPACE + ", " + JobLocks.key(job);
        try (Connection connection = TestDatabase.shared().connect(); Statement sql = connection.createStatement();
             ResultSet taken = sql.executeQuery("SELECT pg_try_advisory_lock(" + key + ")")) {
            taken.next();
            boolean free = taken.getBoolean(1);
            if (free) {
                sql.execute("SELECT pg_advisory_unlock(" + key + ")");
            }
            return free;
        }
    }
}
