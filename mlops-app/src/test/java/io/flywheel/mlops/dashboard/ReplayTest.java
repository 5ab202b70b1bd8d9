package io.flywheel.mlops.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.EvaluationVerdict;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.TestArtifacts;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.TabularModel;
import io.flywheel.testing.TestDatabase;
import io.flywheel.testing.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Replay of logged predictions: rows in inference-app's prediction log (its own migrations, rows as its logger writes
 * them) are scored again by the model's current Production version, old and new side by side.
 */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class ReplayTest {

    @Inject
    RegistryService registry;

    @Test
    void loggedPredictionsAreScoredAgainByTheCurrentProductionVersionAndChangedLabelsStandOut() throws Throwable {
        String model = "replayed-" + System.nanoTime();
        byte[] artifact = TestArtifacts.tabular(71);
        given().when().get("/dashboard/parts/replay?model=" + model).then().statusCode(422);
        promote(model, artifact);
        inferenceSchemaMigratedByItsOwnMigrations();
        assertThat(replay(model, 20)).contains("no logged predictions of " + model + " yet");

        TabularModel current = TabularModel.compile(ArtifactCodec.read(artifact));
        List<Map<String, Object>> rows = breastCancerRows(3);
        String unchanged = log(model, rows.get(0), current.label(current.scoreRow(rows.get(0))), 0.5, 1);
        String flipped = current.label(current.scoreRow(rows.get(1))).equals("1") ? "0" : "1";
        String changed = log(model, rows.get(1), flipped, 0.5, 2);
        log(model, rows.get(2), "1", 0.9, 3);

        String html = replay(model, 2);
        assertThat(html).contains("2 predictions replayed through " + model + " v1: 1 changed label");
        assertThat(html).contains(unchanged, changed);
        assertThat(html).contains(String.format(Locale.ROOT, "%.4f", current.scoreRow(rows.get(1))));
        String changedRow = html.substring(html.lastIndexOf("<tr", html.indexOf(changed)), html.indexOf(changed));
        assertThat(changedRow).contains("class=\"changed\"");
        String unchangedRow = html.substring(html.lastIndexOf("<tr", html.indexOf(unchanged)), html.indexOf(unchanged));
        assertThat(unchangedRow).doesNotContain("changed");

        Map<String, Object> foreign = new LinkedHashMap<>(rows.get(0));
        foreign.put("f1", "not a number any more");
        String unscorable = log(model, foreign, "1", 0.7, 0);
        html = replay(model, 3);
        String unscorableRow = html.substring(html.indexOf(unscorable), html.indexOf("</tr>", html.indexOf(unscorable)));
        assertThat(unscorableRow).contains("not scorable now");
        assertThat(html).as("the other rows are still replayed").contains(unchanged, changed);
    }

    private void promote(String model, byte[] artifact) throws Throwable {
        given().multiPart("artifact", "a.bin", artifact, "application/octet-stream")
                .multiPart("metadata", "m.json", "{\"kind\":\"tabular-classifier\",\"stage\":\"Staging\"}"
                        .getBytes(StandardCharsets.UTF_8), "application/json")
                .when().post("/api/models/" + model + "/versions").then().statusCode(201);
        VertxContextSupport.subscribeAndAwait(() -> registry.recordEvaluation(model, 1,
                new EvaluationVerdict(true, "pass", null, Map.of()), Attribution.component("evaluate", "test")));
        given().contentType("application/json").body("{\"stage\":\"Production\"}").when()
                .post("/api/models/" + model + "/versions/1/stage").then().statusCode(200);
    }

    private static String replay(String model, int rows) {
        return given().when().get("/dashboard/parts/replay?model=" + model + "&rows=" + rows).then().statusCode(200)
                .extract().asString();
    }

    private static void inferenceSchemaMigratedByItsOwnMigrations() {
        Map<String, String> config = TestDatabase.shared().quarkusConfig();
        Flyway.configure().dataSource(config.get("quarkus.datasource.jdbc.url"),
                        config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"))
                .schemas("inference").locations("filesystem:../inference-app/src/main/resources/db/inference")
                .load().migrate();
    }

    /** A prediction as inference-app's logger writes it; {@code secondsAgo} orders them. */
    private static String log(String model, Map<String, Object> features, String label, double probability,
                              int secondsAgo) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = TestDatabase.shared().connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO inference.prediction (prediction_id, "
                     + "created_at, model, model_version, canary, request_id, features, probability, label, latency_ms, "
                     + "batch_rows, caller) VALUES (?, ?, ?, 1, false, ?, ?::jsonb, ?, ?, 0.4, 1, 'caller')")) {
            insert.setObject(1, id);
            insert.setTimestamp(2, Timestamp.from(Instant.now().minusSeconds(secondsAgo)));
            insert.setString(3, model);
            insert.setString(4, "request-" + id);
            insert.setString(5, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(features));
            insert.setDouble(6, probability);
            insert.setString(7, label);
            insert.executeUpdate();
        }
        return id.toString();
    }

    /** The first rows of the Wisconsin breast cancer data as {@code {"f1": ..., "f30": ...}}. */
    private static List<Map<String, Object>> breastCancerRows(int count) {
        String[] lines = new String(TestDatasets.bytes("breast_cancer_wdbc.csv"), StandardCharsets.UTF_8).split("\n");
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> {
            String[] values = lines[i].trim().split(",");
            Map<String, Object> row = new LinkedHashMap<>();
            for (int f = 0; f < 30; f++) {
                row.put("f" + (f + 1), Double.parseDouble(values[f]));
            }
            return row;
        }).toList();
    }
}
