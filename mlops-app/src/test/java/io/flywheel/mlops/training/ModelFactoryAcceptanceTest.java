package io.flywheel.mlops.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.Eventually;
import io.flywheel.testing.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 3's acceptance, over HTTP against a real database, on the real Lending Club data: from a fresh start, upload →
 * validation passes → retrain registers a Staging version with all metrics → evaluate passes → promotion to
 * Production; then a corrupted copy stops at validation with a precise report, an alert and no new version.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelFactoryAcceptanceTest {

    private static final String MODEL = "lending-club";
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(5);

    @Inject
    AlertRecorder alerts;

    @Test
    @Order(1)
    void fromAFreshStartAnUploadIsTrainedEvaluatedAndPromotedToProduction() {
        String snapshot = given().contentType("text/csv").body(TestDatasets.bytes("lending_club.csv"))
                .when().post("/api/datasets?name=" + MODEL + "&label=Class").then().statusCode(201)
                .body("validation.passed", equalTo(true)).extract().path("id");

        JsonPath retrain = runJob("retrain", Map.of("dataset", MODEL));
        assertThat(retrain.getString("status")).as(retrain.prettify()).isEqualTo("succeeded");
        assertThat(retrain.getInt("outputs.version")).isEqualTo(1);
        assertThat(retrain.getMap("progress")).containsKeys("fitsDone", "fitsTotal", "candidate", "rows");

        JsonPath version = given().when().get("/api/models/" + MODEL + "/versions/1").then().statusCode(200)
                .body("stage", equalTo("Staging"))
                .body("kind", equalTo("tabular-classifier"))
                .body("lineage.dataset_sha256", equalTo(snapshot))
                .body("lineage.run_id", equalTo(retrain.getString("id")))
                .body("params.seed", equalTo("42"))
                .body("details.candidates", hasSize(3))
                .body("details.confusion.truePositives", notNullValue())
                .body("details.calibration.bins", hasSize(10))
                .body("details.feature_importance[0].feature", notNullValue())
                .extract().jsonPath();
        assertThat(version.getMap("metrics")).containsKeys("roc_auc", "pr_auc", "f1", "precision", "recall",
                "log_loss", "brier", "ece", "threshold", "cv_roc_auc_mean", "cv_roc_auc_std");
        double auc = version.getDouble("metrics.roc_auc");
        assertThat(auc).isGreaterThan(0.65);
        System.out.printf("lending-club v1: %s, held-out AUC %.4f%n", version.getString("params.algorithm"), auc);

        given().contentType("application/json").body("{\"stage\":\"Production\",\"reason\":\"before evaluation\"}")
                .when().post("/api/models/" + MODEL + "/versions/1/stage").then().statusCode(409);

        JsonPath evaluate = runJob("evaluate", Map.of("model", MODEL, "version", "1"));
        assertThat(evaluate.getString("status")).as(evaluate.prettify()).isEqualTo("succeeded");
        given().when().get("/api/models/" + MODEL + "/versions/1").then().statusCode(200)
                .body("evaluation.passed", equalTo(true))
                .body("evaluation.summary", containsString("roc_auc"))
                .body("evaluation.details", hasKey("gates"));

        given().contentType("application/json").body("{\"stage\":\"Production\",\"reason\":\"passed the gates\"}")
                .when().post("/api/models/" + MODEL + "/versions/1/stage").then().statusCode(200)
                .body("stage", equalTo("Production"));
    }

    @Test
    @Order(2)
    void retrainingTheSameSnapshotRegistersNothingNew() {
        JsonPath again = runJob("retrain", Map.of("dataset", MODEL));
        assertThat(again.getString("status")).isEqualTo("succeeded");
        assertThat(again.getBoolean("outputs.registered")).isFalse();
        assertThat(again.getInt("outputs.version")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aNewCandidateIsJudgedAgainstProductionOnTheSameHeldOutRows() {
        String lines = new String(TestDatasets.bytes("lending_club.csv"), java.nio.charset.StandardCharsets.UTF_8);
        // the same loans without the last 500: another snapshot, another candidate
        String fewer = String.join("\n", lines.lines().limit(lines.lines().count() - 500).toList()) + "\n";
        given().contentType("text/csv").body(fewer).when().post("/api/datasets?name=" + MODEL + "&label=Class")
                .then().statusCode(201).body("validation.passed", equalTo(true));
        JsonPath retrain = runJob("retrain", Map.of("dataset", MODEL));
        assertThat(retrain.getInt("outputs.version")).as(retrain.prettify()).isEqualTo(2);

        JsonPath evaluate = runJob("evaluate", Map.of("model", MODEL));
        assertThat(evaluate.getInt("outputs.evaluated")).as(evaluate.prettify()).isEqualTo(1);
        JsonPath verdict = given().when().get("/api/models/" + MODEL + "/versions/2").then().statusCode(200)
                .body("evaluation.baseline_version", equalTo(1))
                .body("evaluation.summary", containsString("vs Production"))
                .extract().jsonPath();
        assertThat(verdict.getMap("evaluation.details.production")).containsKeys("roc_auc", "ece", "recall");
        assertThat(verdict.getList("evaluation.details.gates.baseline")).doesNotContainNull();
        boolean passed = verdict.getBoolean("evaluation.passed");
        given().contentType("application/json").body("{\"stage\":\"Production\",\"reason\":\"gate verdict\"}")
                .when().post("/api/models/" + MODEL + "/versions/2/stage").then().statusCode(passed ? 200 : 409);
    }

    @Test
    @Order(4)
    void aCorruptedCopyStopsAtValidationWithAPreciseReportAnAlertAndNoVersion() {
        String snapshot = given().contentType("text/csv").body(CorruptedLendingClub.bytes())
                .when().post("/api/datasets?name=" + MODEL + "&label=Class").then().statusCode(201)
                .body("validation.passed", equalTo(false)).extract().path("id");

        JsonPath run = runJob("retrain", Map.of("dataset", MODEL));
        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("validation failed")
                .contains("required-column on `int_rate`: 985 of 9857 (categorical, expected numeric)")
                .contains("max-null-rate on `annual_inc`: 2958 of 9857 (30.0%, expected <= 5.0%)");
        assertThat(run.getList("progress.validation.failures.column")).contains("int_rate", "annual_inc");

        given().when().get("/api/datasets/" + snapshot).then().statusCode(200)
                .body("validation.passed", equalTo(false))
                .body("validation.trigger", equalTo("job-run:" + run.getString("id")));
        given().when().get("/api/models/" + MODEL + "/versions").then().statusCode(200).body("$", hasSize(2));
        Eventually.until(alerts::alerts, list -> list.stream().anyMatch(alert -> alert.kind().equals("data-validation")
                && alert.summary().contains("int_rate")), Duration.ofSeconds(30), "a data-validation alert");
    }

    /** Starts a job over the API and waits for its run to end; the run's record. */
    static JsonPath runJob(String job, Map<String, String> parameters) {
        String id = given().contentType("application/json").body(Map.of("parameters", parameters))
                .when().post("/api/jobs/" + job + "/runs").then().statusCode(202).extract().path("id");
        return Eventually.until(() -> given().when().get("/api/jobs/runs/" + id).then().statusCode(200)
                        .extract().jsonPath(), run -> List.of("succeeded", "failed").contains(run.getString("status")),
                JOB_DEADLINE, job + " run " + id + " to end");
    }
}
