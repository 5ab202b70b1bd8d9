package io.flywheel.mlops.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.Eventually;
import io.flywheel.mlops.drift.PredictionLogRows;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.EvaluationVerdict;
import io.flywheel.mlops.registry.Promotion;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.TestArtifacts;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's server-rendered parts, read as the browser's script reads them: every page renders, a model's
 * versions are side by side with real charts, and bad requests are problems.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class DashboardPartsTest {

    private static final String DETAILS = """
            {"confusion": {"truePositives": 40, "falsePositives": 3, "trueNegatives": 66, "falseNegatives": 5},
             "calibration": {"bins": [
                {"lower": 0.0, "upper": 0.5, "count": 60, "meanPredicted": 0.1, "observedRate": 0.08},
                {"lower": 0.5, "upper": 1.0, "count": 54, "meanPredicted": 0.85, "observedRate": 0.9},
                {"lower": 0.9, "upper": 1.0, "count": 0, "meanPredicted": null, "observedRate": null}],
              "expectedCalibrationError": 0.02},
             "feature_importance": [{"feature": "radius_mean <b>", "importance": 0.12},
                                    {"feature": "texture_mean", "importance": -0.01}]}""";

    private static final Duration JOB_DEADLINE = Duration.ofMinutes(8);

    @Inject
    RegistryService registry;

    @Test
    void everyShellIsAPageThatLoadsItsPartAndAnUnknownPageIsAProblem() {
        for (String page : DashboardResource.PAGES) {
            given().when().get("/dashboard/" + page).then().statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .body(containsString("data-src=\"/dashboard/parts/" + page + "\""))
                    .body(containsString("/dashboard-assets/dashboard.js"));
        }
        given().when().get("/dashboard").then().statusCode(200).body(containsString("/dashboard/parts/models"));
        given().when().get("/dashboard/nothing-here").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        given().when().get("/dashboard-assets/dashboard.js").then().statusCode(200)
                .body(containsString("Authorization"));
    }

    @Test
    void versionsOfAModelStandSideBySideWithTheirMetricsAndCharts() {
        String model = "dash-" + System.nanoTime();
        given().contentType("application/json").body("{\"name\":\"" + model + "\",\"kind\":\"tabular-classifier\"}")
                .when().post("/api/models").then().statusCode(201);
        upload(model, 1, "{\"roc_auc\": 0.91, \"brier\": 0.09, \"ece\": 0.03}");
        upload(model, 2, "{\"roc_auc\": 0.95, \"brier\": 0.07, \"ece\": 0.02}");

        String html = given().when().get("/dashboard/parts/models").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        String section = html.substring(html.indexOf("id=\"model-" + model + "\""));
        section = section.substring(0, section.indexOf("</section>"));
        assertThat(section).contains("<th>v2", "<th>v1", "roc_auc", "<td class=\"best\">0.9500</td>",
                "<td class=\"best\">0.0700</td>", "<td>0.9100</td>");
        assertThat(section).contains("class=\"chart calibration\"", "class=\"chart confusion\"",
                "class=\"chart importance\"", "<polyline points=\"");
        assertThat(section).as("stored text is escaped in the charts").contains("radius_mean &lt;b&gt;")
                .doesNotContain("radius_mean <b>");
    }

    @Test
    void theOtherPartsRenderOnAnyDatabase() {
        given().when().get("/dashboard/parts/jobs").then().statusCode(200).body(containsString("retrain"));
        given().when().get("/dashboard/parts/approvals").then().statusCode(200)
                .body(containsString("Approval queue"));
        given().when().get("/dashboard/parts/audit").then().statusCode(200).body(containsString("Chain intact"));
        given().when().get("/dashboard/parts/replay").then().statusCode(200).body(containsString("replay-form"));
        given().when().get("/dashboard/parts/drift").then().statusCode(200).body(containsString("<h2>Drift</h2>"));
        given().when().get("/dashboard/parts/rollouts").then().statusCode(200)
                .body(containsString("<h2>Rollouts</h2>"));
    }

    @Test
    void reportsOfEverySourceAreListedNewestFirstAsLinksToTheirPrintableHtml() {
        String html = given().when().get("/dashboard/parts/reports").then().statusCode(200).extract().asString();
        assertThat(html).contains("href=\"" + PrintedReports.NEWER.href() + "\"",
                "href=\"" + PrintedReports.OLDER.href() + "\"", "drift of wdbc, &lt;Monday&gt;");
        assertThat(html.indexOf(PrintedReports.NEWER.href())).isLessThan(html.indexOf(PrintedReports.OLDER.href()));
    }

    @Test
    void aDriftRunShowsOnTheDriftPageWithPsiBarsPerFeatureAndThePredictionAndItsPrintableReport() throws Throwable {
        String model = "dash-drift-" + System.nanoTime();
        byte[] artifact = TestArtifacts.tabular(11);
        TabularModel scorer = TabularModel.compile(ArtifactCodec.read(artifact));
        Table rows = TestDatasets.breastCancer();
        String shifted = scorer.schema().features().stream().filter(f -> f.type() == ColumnType.NUMERIC)
                .map(Feature::name).findFirst().orElseThrow();
        PredictionLogRows.migrateInferenceSchema();
        Promotion.firstVersionToProduction(registry, model, artifact);
        PredictionLogRows.log(model, 1, scorer, rows, Set.of(shifted), 3);

        JsonPath run = runJob("drift", Map.of("model", model, "rows", Integer.toString(rows.rowCount())));
        String report = run.getString("outputs.reports[0].report");

        String html = given().when().get("/dashboard/parts/drift").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        String section = html.substring(html.indexOf("id=\"drift-" + model + "\""));
        section = section.substring(0, section.indexOf("</section>"));
        assertThat(section).contains("class=\"chart psi\"", "class=\"threshold threshold-warn\"",
                "class=\"threshold threshold-alert\"", "verdict-alert", "(prediction ");
        assertThat(section).as("a bar for every feature and one for the prediction")
                .contains(">" + shifted + "</text>", ">prediction</text>", "class=\"bar psi-alert\"");
        String psiChart = section.substring(section.indexOf("class=\"chart psi\""));
        psiChart = psiChart.substring(0, psiChart.indexOf("</svg>"));
        assertThat(psiChart.split("<rect ", -1)).hasSize(scorer.schema().features().size() + 2);
        assertThat(section).as("the worst feature's bins, reference beside live")
                .contains("class=\"chart shares\"", "class=\"bar share-reference\"", "class=\"bar share-live\"");
        assertThat(section).as("the printable report opens through the script, the link holds no key")
                .contains("href=\"/api/drift/reports/" + report + ".html\" class=\"report\"");
        assertThat(given().when().get("/dashboard/parts/reports").then().statusCode(200).extract().asString())
                .contains("href=\"/api/drift/reports/" + report + ".html\"", "drift of " + model + " v1: alert");
    }

    @Test
    void aRolloutShowsItsVersionsStepsWeightAndActionsAndItsDeploymentReportIsListed() {
        String model = "dash-rollout-" + System.nanoTime();
        registerEvaluated(model, 21);
        given().contentType("application/json").body("{\"stage\":\"Production\"}").when()
                .post("/api/models/" + model + "/versions/1/stage").then().statusCode(200);
        registerEvaluated(model, 22);
        String id = given().contentType("application/json").body("{\"model\":\"" + model + "\",\"version\":2}")
                .when().post("/api/rollouts").then().statusCode(201).extract().path("id");

        String section = rolloutSection(id);
        assertThat(section).contains(model + " v1 → v2", "canary", "status-running", "step 1 of 4",
                "5% → 25% → 50% → 100%", "canary weight 5%", "<progress value=\"5\" max=\"100\">",
                "value=\"pause\"", "value=\"promote\"", "value=\"abort\"", "No analysis yet.",
                "href=\"/api/rollouts/" + id + "/report\" class=\"report\"").doesNotContain("value=\"resume\"");

        given().contentType("application/json").body("{\"reason\":\"looking closer\"}").when()
                .post("/api/rollouts/" + id + "/pause").then().statusCode(200);
        assertThat(rolloutSection(id)).contains("status-paused", "value=\"resume\"").doesNotContain("value=\"pause\"");

        given().contentType("application/json").body("{}").when().post("/api/rollouts/" + id + "/abort").then()
                .statusCode(200);
        assertThat(rolloutSection(id)).contains("status-aborted").doesNotContain("class=\"rollout-action\"");
        assertThat(given().when().get("/dashboard/parts/reports").then().statusCode(200).extract().asString())
                .contains("href=\"/api/rollouts/" + id + "/report\"", "canary rollout of " + model + " v2 (from v1): aborted");
    }

    @Test
    void aReplayOfAnUnknownModelOrTooManyRowsIsAProblemNamingTheField() {
        given().when().get("/dashboard/parts/replay?model=no-such-model").then().statusCode(422)
                .contentType(containsString("application/problem+json")).body("errors[0].field", equalTo("model"));
        given().when().get("/dashboard/parts/replay?rows=0").then().statusCode(422)
                .body("errors[0].field", equalTo("rows"));
        given().when().get("/dashboard/parts/replay?rows=100000").then().statusCode(422)
                .body("errors[0].field", equalTo("rows"));
    }

    private static String rolloutSection(String id) {
        String html = given().when().get("/dashboard/parts/rollouts").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        String section = html.substring(html.indexOf("id=\"rollout-" + id + "\""));
        return section.substring(0, section.indexOf("</article>"));
    }

    /** A Staging version with a passed evaluation, as the evaluate job leaves it. */
    private void registerEvaluated(String model, long seed) {
        int version = given().multiPart("artifact", "a.bin", TestArtifacts.tabular(seed), "application/octet-stream")
                .multiPart("metadata", "m.json", "{\"kind\":\"tabular-classifier\",\"stage\":\"Staging\"}"
                        .getBytes(), "application/json")
                .when().post("/api/models/" + model + "/versions").then().statusCode(201).extract().path("version");
        try {
            VertxContextSupport.subscribeAndAwait(() -> registry.recordEvaluation(model, version,
                    new EvaluationVerdict(true, "pass", null, Map.of()), Attribution.component("evaluate", "test")));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static JsonPath runJob(String job, Map<String, String> parameters) {
        String id = given().contentType("application/json").body(Map.of("parameters", parameters))
                .when().post("/api/jobs/" + job + "/runs").then().statusCode(202).extract().path("id");
        JsonPath run = Eventually.until(() -> given().when().get("/api/jobs/runs/" + id).then().statusCode(200)
                        .extract().jsonPath(), r -> List.of("succeeded", "failed").contains(r.getString("status")),
                JOB_DEADLINE, job + " run " + id + " to end");
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("succeeded");
        return run;
    }

    private static void upload(String model, long seed, String metrics) {
        String metadata = "{\"metrics\": " + metrics + ", \"details\": " + DETAILS + "}";
        given().multiPart("artifact", "artifact.bin", TestArtifacts.tabular(seed), "application/octet-stream")
                .multiPart("metadata", "metadata.json", metadata.getBytes(), "application/json")
                .when().post("/api/models/" + model + "/versions").then().statusCode(201);
    }
}
