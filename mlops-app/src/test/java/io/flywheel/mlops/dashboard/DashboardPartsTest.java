package io.flywheel.mlops.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.registry.TestArtifacts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
    }

    @Test
    void reportsOfEverySourceAreListedNewestFirstAsLinksToTheirPrintableHtml() {
        String html = given().when().get("/dashboard/parts/reports").then().statusCode(200).extract().asString();
        assertThat(html).contains("href=\"" + PrintedReports.NEWER.href() + "\"",
                "href=\"" + PrintedReports.OLDER.href() + "\"", "drift of wdbc, &lt;Monday&gt;");
        assertThat(html.indexOf(PrintedReports.NEWER.href())).isLessThan(html.indexOf(PrintedReports.OLDER.href()));
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

    private static void upload(String model, long seed, String metrics) {
        String metadata = "{\"metrics\": " + metrics + ", \"details\": " + DETAILS + "}";
        given().multiPart("artifact", "artifact.bin", TestArtifacts.tabular(seed), "application/octet-stream")
                .multiPart("metadata", "metadata.json", metadata.getBytes(), "application/json")
                .when().post("/api/models/" + model + "/versions").then().statusCode(201);
    }
}
