package io.flywheel.mlops.batch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.Eventually;
import io.flywheel.mlops.registry.Promotion;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.TestArtifacts;
import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.FeatureBatch;
import io.flywheel.shared.tabular.TabularModel;
import io.flywheel.testing.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * batch-score over HTTP against a real database: a snapshot scored by the Production version in process gives the
 * same probabilities as the artifact's scorer, stored with the version and read back a page at a time; bad requests
 * are problems naming the field.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class BatchScoreTest {

    private static final String MODEL = "batch-scored";
    private static final byte[] ARTIFACT = TestArtifacts.tabular(11);
    private static final TabularModel SCORER = TabularModel.compile(ArtifactCodec.read(ARTIFACT));

    @Inject
    RegistryService registry;

    @Test
    void aSnapshotIsScoredByTheProductionVersionAndReadBackInPages() throws Throwable {
        Table rows = TestDatasets.breastCancer();
        String snapshot = given().contentType("text/csv").body(csv(rows))
                .when().post("/api/datasets?name=" + MODEL + "&label=diagnosis").then().statusCode(201)
                .extract().path("id");
        Promotion.firstVersionToProduction(registry, MODEL, ARTIFACT);

        JsonPath run = runJob(Map.of("model", MODEL, "snapshot", snapshot));

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("succeeded");
        assertThat(run.getInt("outputs.scored[0].rows")).isEqualTo(rows.rowCount());
        double[] expected = SCORER.score(FeatureBatch.of(SCORER.schema(), rows));
        JsonPath page = given().queryParam("run", run.getString("id")).queryParam("page", 1).queryParam("size", 100)
                .when().get("/api/batch/predictions").then().statusCode(200)
                .body("model", equalTo(MODEL)).body("version", equalTo(1)).body("snapshot", equalTo(snapshot))
                .body("total", equalTo(rows.rowCount())).extract().jsonPath();
        assertThat(page.getList("predictions")).hasSize(100);
        assertThat(page.getInt("predictions[0].row")).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
            assertThat(page.getDouble("predictions[" + i + "].probability")).isCloseTo(expected[100 + i],
                    within(1e-6));
        }
        given().queryParam("model", MODEL).when().get("/api/batch/predictions").then().statusCode(200)
                .body("run", equalTo(run.getString("id")));
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        given().when().get("/api/batch/predictions").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("run"));
        given().queryParam("run", "nope").when().get("/api/batch/predictions").then().statusCode(422)
                .body("errors.field", hasItem("run"));
        given().queryParam("run", UUID.randomUUID()).queryParam("size", 0).when().get("/api/batch/predictions")
                .then().statusCode(422).body("errors.field", hasItem("size"));
        given().queryParam("run", UUID.randomUUID()).when().get("/api/batch/predictions").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("parameters", Map.of("snapshot", "abc")))
                .when().post("/api/jobs/batch-score/runs").then().statusCode(422)
                .body("errors.field", hasItem("parameters.snapshot"));
    }

    private static JsonPath runJob(Map<String, String> parameters) {
        String id = given().contentType("application/json").body(Map.of("parameters", parameters))
                .when().post("/api/jobs/batch-score/runs").then().statusCode(202).extract().path("id");
        return Eventually.until(() -> given().when().get("/api/jobs/runs/" + id).then().statusCode(200)
                        .extract().jsonPath(), r -> List.of("succeeded", "failed").contains(r.getString("status")),
                Duration.ofMinutes(3), "batch-score run " + id);
    }

    private static String csv(Table table) {
        StringBuilder csv = new StringBuilder(String.join(",", table.columnNames())).append('\n');
        for (int row = 0; row < table.rowCount(); row++) {
            for (int c = 0; c < table.columns().size(); c++) {
                Column column = table.columns().get(c);
                csv.append(c == 0 ? "" : ",").append(column.type() == ColumnType.NUMERIC
                        ? Double.toString(table.numeric(column.name()).value(row))
                        : table.categorical(column.name()).value(row));
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
