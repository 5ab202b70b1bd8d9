package io.flywheel.mlops.drift;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.Eventually;
import io.flywheel.mlops.registry.Promotion;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.TestArtifacts;
import io.flywheel.mlops.training.AlertRecorder;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.TabularModel;
import io.flywheel.testing.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The drift job and its reports over HTTP, on rows written to inference-app's prediction log as inference-app writes
 * them (its own migrations), against a real PostgreSQL: a Production model's unshifted traffic reports no drift,
 * traffic with two features scaled reports exactly those two, with an alert, an audit entry and the PSI gauge; every
 * bad request is a problem naming what is wrong; labelled predictions become a snapshot that {@code retrain} trains on.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftResourceTest {

    private static final String MODEL = "drift-contract";
    private static final byte[] ARTIFACT = TestArtifacts.tabular(7);
    private static final TabularModel SCORER = TabularModel.compile(ArtifactCodec.read(ARTIFACT));
    private static final FeatureSchema SCHEMA = SCORER.schema();
    private static final Table ROWS = TestDatasets.breastCancer();
    private static final List<String> SHIFTED = SCHEMA.features().stream()
            .filter(feature -> feature.type() == ColumnType.NUMERIC).map(Feature::name).limit(2).toList();
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(8);
    private static final int LABELLED = 300;
    private static boolean promoted;
    private static List<UUID> unshiftedPredictions = List.of();

    @Inject
    RegistryService registry;

    @Inject
    AlertRecorder alerts;

    @Inject
    DriftReports reports;

    @BeforeEach
    void givenAProductionModelAndInferenceAppsTables() throws Throwable {
        PredictionLogRows.migrateInferenceSchema();
        if (promoted) {
            return;
        }
        Promotion.firstVersionToProduction(registry, MODEL, ARTIFACT);
        promoted = true;
    }

    @Test
    @Order(1)
    void unshiftedTrafficReportsNoDrift() throws Exception {
        // a minute before the shifted traffic of the next test: a rows window is made of whole minutes
        unshiftedPredictions = PredictionLogRows.log(MODEL, 1, SCORER, ROWS, Set.of(), 1,
                Instant.now().minus(Duration.ofMinutes(1)), 1.5);

        JsonPath run = runDrift(Map.of("model", MODEL, "rows", Integer.toString(ROWS.rowCount())));

        String id = run.getString("outputs.reports[0].report");
        JsonPath report = given().when().get("/api/drift/reports/" + id).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        assertThat(report.getString("verdict")).isEqualTo("ok");
        assertThat(report.getList("drifted")).isEmpty();
        assertThat(report.getLong("live_rows")).isEqualTo(ROWS.rowCount());
        assertThat(report.getList("features")).hasSize(SCHEMA.features().size());
        assertThat(report.getDouble("max_psi")).isLessThan(0.1);
        assertThat(report.getString("prediction.feature")).isEqualTo("prediction");
    }

    @Test
    @Order(2)
    void trafficWithTwoFeaturesScaledReportsExactlyThoseWithAnAlertAnAuditEntryAndTheGauge() throws Throwable {
        PredictionLogRows.log(MODEL, 1, SCORER, ROWS, Set.copyOf(SHIFTED), 3);

        JsonPath run = runDrift(Map.of("model", MODEL, "rows", Integer.toString(ROWS.rowCount())));

        String id = run.getString("outputs.reports[0].report");
        JsonPath report = given().when().get("/api/drift/reports/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(report.getString("verdict")).isEqualTo("alert");
        assertThat(report.getList("drifted", String.class)).containsExactlyInAnyOrderElementsOf(SHIFTED);
        for (String feature : SHIFTED) {
            assertThat(report.getDouble("features.find { it.feature == '" + feature + "' }.psi")).isGreaterThan(0.2);
        }
        Eventually.until(alerts::alerts, list -> list.stream().anyMatch(alert -> alert.kind().equals("data-drift")
                && MODEL.equals(alert.model()) && alert.summary().contains(SHIFTED.get(0))
                && alert.summary().contains(SHIFTED.get(1))), Duration.ofSeconds(30), "a data-drift alert");
        given().queryParam("target", "model:" + MODEL + "/1").when().get("/api/audit").then().statusCode(200)
                .body("action", hasItem("drift.report")).body("outcome", hasItem("alert"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("flywheel_drift_psi{feature=\"" + SHIFTED.get(0) + "\",model=\"" + MODEL + "\"}"));
        given().queryParam("model", MODEL).when().get("/api/drift/reports").then().statusCode(200)
                .body("[0].id", equalTo(id)).body("[0].verdict", equalTo("alert"));
        assertThat(VertxContextSupport.subscribeAndAwait(reports::newestPerModel))
                .as("what the gauges are restored from at start").filteredOn(r -> r.model().equals(MODEL))
                .singleElement().extracting(r -> r.id().toString()).isEqualTo(id);
    }

    @Test
    @Order(3)
    void theReportPrintsAsASelfContainedHtmlPage() {
        String id = given().queryParam("model", MODEL).when().get("/api/drift/reports").then().statusCode(200)
                .extract().path("[0].id");

        for (var request : List.of(given().when().get("/api/drift/reports/" + id + ".html"),
                given().queryParam("format", "html").when().get("/api/drift/reports/" + id),
                given().accept("text/html").when().get("/api/drift/reports/" + id))) {
            request.then().statusCode(200).contentType(startsWith("text/html"))
                    .body(containsString("<svg"), containsString(SHIFTED.get(0)), containsString("alert"),
                            not(containsString("<script")), not(containsString("http://cdn")),
                            not(containsString("https://")));
        }
    }

    @Test
    @Order(4)
    void badRequestsAreProblemsNamingWhatIsWrong() {
        given().when().get("/api/drift/reports/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no drift report"));
        given().when().get("/api/drift/reports/not-an-id").then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/drift/reports/not-an-id.html").then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("model", "no-such-model").when().get("/api/drift/reports").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no-such-model"));
        given().queryParam("size", 0).when().get("/api/drift/reports").then().statusCode(422)
                .body("errors[0].field", equalTo("size"));
        String id = given().when().get("/api/drift/reports").then().extract().path("[0].id");
        given().queryParam("format", "xml").when().get("/api/drift/reports/" + id).then().statusCode(422)
                .body("errors[0].field", equalTo("format"));
        for (Map<String, String> window : List.of(Map.of("rows", "-1"), Map.of("hours", "abc"),
                Map.of("hours", "1", "rows", "5"), Map.of("hours", "999999"))) {
            given().contentType("application/json").body(Map.of("parameters", window)).when()
                    .post("/api/jobs/drift/runs").then().statusCode(422)
                    .contentType("application/problem+json").body("errors.field", hasItem(startsWith("parameters.")));
        }
    }

    @Test
    @Order(5)
    void aDriftRunForAnUnknownModelFailsNamingIt() {
        JsonPath run = runDrift(Map.of("model", "no-such-model"));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("no-such-model");
    }

    @Test
    @Order(6)
    void labelledPredictionsBecomeASnapshotThatRetrainTrainsOn() throws Exception {
        List<String> truth = new ArrayList<>();
        for (int row = 0; row < LABELLED; row++) {
            truth.add(trueClass(row));
        }
        PredictionLogRows.feedback(unshiftedPredictions.subList(0, LABELLED), truth);

        String id = given().contentType("application/json").body(Map.of("model", MODEL, "hours", 1))
                .when().post("/api/datasets/snapshots").then().statusCode(201)
                .body("source.kind", equalTo("prediction-feedback")).body("rows", equalTo(LABELLED))
                .body("name", equalTo(MODEL)).body("source.details.model", equalTo(MODEL))
                .extract().path("id");
        given().contentType("application/json").body(Map.of("model", MODEL, "hours", 1))
                .when().post("/api/datasets/snapshots").then().statusCode(200).body("id", equalTo(id));

        JsonPath retrain = runJob("retrain", Map.of("dataset", "feedback:" + MODEL));
        assertThat(retrain.getString("status")).as(retrain.prettify()).isEqualTo("succeeded");
        assertThat(retrain.getString("outputs.model")).isEqualTo(MODEL);
        assertThat(retrain.getString("outputs.snapshot")).isEqualTo(id);
    }

    @Test
    @Order(7)
    void badSnapshotRequestsAreProblemsNamingTheField() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("hours", 1), Map.of("model", MODEL),
                Map.of("model", MODEL, "hours", 0), Map.of("model", MODEL, "hours", 1, "rows", 5),
                Map.of("model", MODEL, "rows", -3))) {
            given().contentType("application/json").body(body).when().post("/api/datasets/snapshots").then()
                    .statusCode(422).contentType("application/problem+json").body("errors", not(empty()));
        }
        given().contentType("application/json").body(Map.of("model", "no-such-model", "hours", 1))
                .when().post("/api/datasets/snapshots").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no-such-model"));
        given().contentType("application/json").body("{\"model\": ").when().post("/api/datasets/snapshots")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** The row's true class as feedback names it: one of the schema's classes. */
    private static String trueClass(int row) {
        String label = SCHEMA.label();
        return ROWS.column(label).type() == ColumnType.NUMERIC
                ? Long.toString(Math.round(ROWS.numeric(label).value(row))) : ROWS.categorical(label).value(row);
    }

    static JsonPath runDrift(Map<String, String> parameters) {
        JsonPath run = runJob("drift", parameters);
        if (!parameters.get("model").startsWith("no-such")) {
            assertThat(run.getString("status")).as(run.prettify()).isEqualTo("succeeded");
        }
        return run;
    }

    private static JsonPath runJob(String job, Map<String, String> parameters) {
        String id = given().contentType("application/json").body(Map.of("parameters", parameters))
                .when().post("/api/jobs/" + job + "/runs").then().statusCode(202).extract().path("id");
        return Eventually.until(() -> given().when().get("/api/jobs/runs/" + id).then().statusCode(200)
                        .extract().jsonPath(), r -> List.of("succeeded", "failed").contains(r.getString("status")),
                JOB_DEADLINE, job + " run " + id + " to end");
    }
}
